/** A minimal JSON writer for command output and the dashboard's API; the pipeline's messages are Avro, never JSON. */
package io.invstream.core.json;
