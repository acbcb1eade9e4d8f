package io.invstream.testing;

import io.invstream.broker.BrokerSettings;
import io.invstream.broker.EmbeddedKafkaBroker;

/** The in-process KRaft broker as a test cluster. */
final class EmbeddedCluster implements KafkaCluster, AutoCloseable {

  private final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.ephemeral());

  @Override
  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  @Override
  public String kind() {
    return "embedded";
  }

  @Override
  public void restart() {
    broker.restart();
  }

  @Override
  public void close() {
    broker.close();
  }
}
