package io.invstream.topology.it;

import io.invstream.topology.BalancerConfig;
import io.invstream.topology.StarvationPolicy;
import io.invstream.core.kafka.KafkaClientSettings;
import java.nio.file.Path;
import java.util.Map;
import java.time.Duration;

/** The balancer configuration both sides of the restart test share. */
final class RestartScenario {

  static final int K = 8;

  private RestartScenario() {}

  /**
   * A killed instance stays in the consumer group until its session times out; 6 s (the broker's
   * minimum) instead of 45 s keeps the test short.
   */
  static KafkaClientSettings settings(String bootstrapServers) {
    return new KafkaClientSettings(bootstrapServers, Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000"));
  }

  static BalancerConfig config(String prefix, String applicationId, Path stateDirectory) {
    return BalancerConfig.builder().topicPrefix(prefix).applicationId(applicationId).examplesPerEnvironment(K)
        .policy(StarvationPolicy.WAIT).maxWait(Duration.ofMillis(500)).idleTimeout(Duration.ofSeconds(3))
        .bufferBatches(1000).stateDirectory(stateDirectory).discoveryInterval(Duration.ofSeconds(1)).build();
  }
}
