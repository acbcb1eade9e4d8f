/** A small library that producers embed to send examples to their environment's topic. */
package io.invstream.ingest.producer;
