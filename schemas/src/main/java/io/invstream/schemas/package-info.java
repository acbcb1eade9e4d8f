/** Avro messages of the pipeline (generated from {@code src/main/avro}), their Kafka serdes and their schema history. */
package io.invstream.schemas;
