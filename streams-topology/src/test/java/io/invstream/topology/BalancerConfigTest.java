package io.invstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BalancerConfigTest {

  @Test
  void defaultsAreDocumentedValues() {
    BalancerConfig config = BalancerConfig.builder().build();
    assertThat(config.topicPrefix()).isEqualTo("invstream");
    assertThat(config.applicationId()).isEqualTo("invstream-balancer");
    assertThat(config.examplesPerEnvironment()).isEqualTo(32);
    assertThat(config.policy()).isEqualTo(StarvationPolicy.WAIT);
    assertThat(config.timeMode()).isEqualTo(TimeMode.WALL_CLOCK);
    assertThat(config.maxWait()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.commitInterval()).isEqualTo(Duration.ofMillis(100));
    assertThat(config.toBuilder().build()).isEqualTo(config);
  }

  @Test
  void quotasOverrideKAndClassBalanceSpreadsTheRemainder() {
    BalancerConfig config = BalancerConfig.builder().examplesPerEnvironment(10).quotas(Map.of("rare", 4))
        .classBalance(true).classes(3).build();
    assertThat(config.quotaOf("common")).isEqualTo(10);
    assertThat(config.quotaOf("rare")).isEqualTo(4);
    assertThat(config.bucketQuota("common", 0)).isEqualTo(4);
    assertThat(config.bucketQuota("common", 1)).isEqualTo(3);
    assertThat(config.bucketQuota("common", 2)).isEqualTo(3);
    assertThat(config.bucketCapacity("rare", 0)).isEqualTo(4 * 2);
  }

  @Test
  void badValuesFailWithAMessageSayingWhatToChange() {
    assertThatThrownBy(() -> BalancerConfig.builder().examplesPerEnvironment(0).build()).hasMessageContaining("k")
        .hasMessageContaining(">= 1");
    assertThatThrownBy(() -> BalancerConfig.builder().quotas(Map.of("a", 0)).build()).hasMessageContaining("quota of environment a");
    assertThatThrownBy(() -> BalancerConfig.builder().policy(StarvationPolicy.REPLAY).reservoirSize(0).build())
        .hasMessageContaining("REPLAY");
    assertThatThrownBy(() -> BalancerConfig.builder().classBalance(true).build()).hasMessageContaining("classes");
    assertThatThrownBy(() -> BalancerConfig.builder().classBalance(true).classes(10).examplesPerEnvironment(4).build())
        .hasMessageContaining("class balance over 10 classes");
    assertThatThrownBy(() -> BalancerConfig.builder().idleTimeout(Duration.ofMillis(10)).build()).hasMessageContaining("idleTimeout");
    assertThatThrownBy(() -> BalancerConfig.builder().maxWait(Duration.ZERO).build()).hasMessageContaining("maxWait must be positive");
    assertThatThrownBy(() -> BalancerConfig.builder().grace(Duration.ofSeconds(-1)).build()).hasMessageContaining("grace");
    assertThatThrownBy(() -> BalancerConfig.builder().topicPrefix("bad prefix").build()).hasMessageContaining("prefix");
  }

  @Test
  void streamsPropertiesForceExactlyOnceOverAPropertiesFile() {
    var settings = new io.invstream.core.kafka.KafkaClientSettings("h:1", Map.of("processing.guarantee", "at_least_once",
        "producer.batch.size", "1000"));
    var properties = BalancerService.streamsProperties(settings, BalancerConfig.builder().applicationId("x").build());
    assertThat(properties.get("processing.guarantee")).isEqualTo("exactly_once_v2");
    assertThat(properties.get("application.id")).isEqualTo("x");
    assertThat(properties.get("producer.batch.size")).as("tunable defaults yield to the file").isEqualTo("1000");
    assertThat(properties.get("max.task.idle.ms")).isEqualTo(100L);
  }

  @Test
  void tasksIdleBrieflyForADrainedPartitionUnlessThePolicyIsPartialOrAFileSaysOtherwise() {
    assertThat(BalancerConfig.builder().maxWait(Duration.ofMillis(500)).build().taskIdle()).isEqualTo(Duration.ofMillis(50));
    assertThat(BalancerConfig.builder().maxWait(Duration.ofSeconds(5)).policy(StarvationPolicy.REPLAY).build().taskIdle())
        .isEqualTo(Duration.ofMillis(100));
    assertThat(BalancerConfig.builder().policy(StarvationPolicy.PARTIAL).build().taskIdle()).isZero();
    var settings = new io.invstream.core.kafka.KafkaClientSettings("h:1", Map.of("max.task.idle.ms", "-1"));
    assertThat(BalancerService.streamsProperties(settings, BalancerConfig.builder().build()).get("max.task.idle.ms")).isEqualTo("-1");
  }
}
