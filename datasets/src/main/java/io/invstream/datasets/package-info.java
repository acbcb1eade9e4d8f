/** Sources of labelled, environment-tagged examples that need no Kafka: generators, file readers and benchmark data sets. */
package io.invstream.datasets;
