/** Produces the synthetic task's environments to Kafka at a steady rate. */
package io.invstream.ingest.synthetic;
