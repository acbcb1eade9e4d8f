/** Kafka client settings: bootstrap servers and pass-through client properties from a file. */
package io.invstream.core.kafka;
