package io.invstream.testing;

import org.testcontainers.kafka.KafkaContainer;

/** Apache Kafka's own image through Testcontainers, for machines with a Docker engine. */
final class ContainerCluster implements KafkaCluster, AutoCloseable {

  static final String IMAGE = "apache/kafka:4.1.1";

  private final KafkaContainer container = new KafkaContainer(IMAGE)
      .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
      .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
      .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");

  ContainerCluster() {
    container.start();
  }

  @Override
  public String bootstrapServers() {
    return container.getBootstrapServers();
  }

  @Override
  public String kind() {
    return "container";
  }

  @Override
  public void restart() {
    throw new UnsupportedOperationException("Restarting a Testcontainers broker changes its port; "
        + "tests that restart the broker run against the embedded one (-Dinvstream.test.kafka=embedded)");
  }

  @Override
  public void close() {
    container.stop();
  }
}
