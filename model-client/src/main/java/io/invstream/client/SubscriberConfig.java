package io.invstream.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * What a {@link ModelSubscriber} follows and how.
 *
 * @param kafka Kafka consumer properties: {@code bootstrap.servers} at least, plus security settings
 *     where the cluster needs them; the subscriber sets isolation, offsets and deserialisers itself
 * @param topic the models topic, e.g. {@code invstream.models}
 * @param modelName the model to serve (its record key)
 * @param pollTimeout longest wait of one poll; also how often an absent topic is looked for
 * @param startupTimeout longest {@link ModelSubscriber#start} may take reading the topic to its end
 * @param assemblyTimeout how long a chunked version may wait for missing chunks before it is refused
 * @param maxPendingVersions chunked versions waiting at once; the oldest is refused beyond it
 */
public record SubscriberConfig(Map<String, Object> kafka, String topic, String modelName, Duration pollTimeout,
    Duration startupTimeout, Duration assemblyTimeout, int maxPendingVersions) {

  /** Validates and copies. */
  public SubscriberConfig {
    kafka = Map.copyOf(kafka);
    if (!kafka.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
      throw new IllegalArgumentException("The subscriber's Kafka properties need bootstrap.servers, e.g. 127.0.0.1:9092");
    }
    requireText(topic, "topic");
    requireText(modelName, "modelName");
    requirePositive(pollTimeout, "pollTimeout");
    requirePositive(startupTimeout, "startupTimeout");
    requirePositive(assemblyTimeout, "assemblyTimeout");
    if (maxPendingVersions < 1) {
      throw new IllegalArgumentException("maxPendingVersions must be >= 1, got " + maxPendingVersions);
    }
  }

  /**
   * Defaults: 500 ms polls, 60 s to read the topic at start, 60 s for a chunked version to complete,
   * 4 chunked versions waiting at once.
   */
  public static SubscriberConfig of(Map<String, ?> kafka, String topic, String modelName) {
    return new SubscriberConfig(new HashMap<>(kafka), topic, modelName, Duration.ofMillis(500), Duration.ofSeconds(60),
        Duration.ofSeconds(60), 4);
  }

  /** {@link #of(Map, String, String)} with only {@code bootstrap.servers} set. */
  public static SubscriberConfig of(String bootstrapServers, String topic, String modelName) {
    return of(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topic, modelName);
  }

  /** This configuration with another poll timeout. */
  public SubscriberConfig withPollTimeout(Duration timeout) {
    return new SubscriberConfig(kafka, topic, modelName, timeout, startupTimeout, assemblyTimeout, maxPendingVersions);
  }

  /** This configuration with another startup timeout. */
  public SubscriberConfig withStartupTimeout(Duration timeout) {
    return new SubscriberConfig(kafka, topic, modelName, pollTimeout, timeout, assemblyTimeout, maxPendingVersions);
  }

  /** This configuration with another assembly timeout. */
  public SubscriberConfig withAssemblyTimeout(Duration timeout) {
    return new SubscriberConfig(kafka, topic, modelName, pollTimeout, startupTimeout, timeout, maxPendingVersions);
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must be set");
    }
  }

  private static void requirePositive(Duration value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + value);
    }
  }
}
