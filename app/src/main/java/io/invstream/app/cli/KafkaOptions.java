package io.invstream.app.cli;

import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.core.topic.TopicLayout;
import io.invstream.core.topic.Topics;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the cluster is and how the pipeline's topics are named and laid out; shared by every Kafka-facing command. */
public final class KafkaOptions {

  @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).", defaultValue = KafkaClientSettings.DEFAULT_BOOTSTRAP)
  String bootstrapServer;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file: Kafka client properties (security, SASL, SSL...) pass through to every client; "
          + "invstream.<option> keys set options.")
  Path config;

  @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = Topics.DEFAULT_PREFIX,
      description = "Prefix of every topic (default: ${DEFAULT-VALUE}).")
  String topicPrefix;

  @Option(names = "--partitions", defaultValue = "1", description = "Partitions of new environment topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--replication-factor", defaultValue = "1", description = "Replicas of new topics (default: ${DEFAULT-VALUE}).")
  short replicationFactor;

  public KafkaClientSettings settings() {
    return KafkaClientSettings.load(config, bootstrapServer);
  }

  public Topics topics() {
    return new Topics(topicPrefix);
  }

  public TopicLayout layout() {
    return new TopicLayout(partitions, replicationFactor);
  }
}
