package io.invstream.testing;

/** A real Kafka cluster a test talks to. */
public interface KafkaCluster {

  /** {@code host:port} for clients. */
  String bootstrapServers();

  /** {@code embedded} or {@code container}, for test reports. */
  String kind();

  /** Stops and starts the broker keeping its data; only the embedded broker supports it. */
  void restart();
}
