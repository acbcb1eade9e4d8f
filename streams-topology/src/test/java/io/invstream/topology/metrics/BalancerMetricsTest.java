package io.invstream.topology.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.core.validation.RejectReason;
import io.invstream.schemas.BatchReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BalancerMetricsTest {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:10Z");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final BalancerMetrics metrics = new BalancerMetrics(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void countersCarryTheirReasonEnvironmentAndSourceTags() {
    metrics.bindTo(registry);
    metrics.batch(BatchReason.TIMEOUT);
    metrics.batch(BatchReason.TIMEOUT);
    metrics.examples("a", false, 32);
    metrics.examples("a", true, 5);
    metrics.late("b");
    metrics.dropped("b", RejectReason.OVERFLOW);
    metrics.deadLetter(RejectReason.OVERFLOW);

    assertThat(count("invstream.balancer.batches", "reason", "TIMEOUT")).isEqualTo(2);
    assertThat(count("invstream.balancer.examples", "environment", "a", "source", "fresh")).isEqualTo(32);
    assertThat(count("invstream.balancer.examples", "environment", "a", "source", "replayed")).isEqualTo(5);
    assertThat(count("invstream.balancer.late", "environment", "b")).isEqualTo(1);
    assertThat(count("invstream.balancer.dropped", "environment", "b", "reason", "OVERFLOW")).isEqualTo(1);
    assertThat(count("invstream.dead.letters", "stage", "balancer", "reason", "OVERFLOW")).isEqualTo(1);
  }

  @Test
  void gaugesAddUpTheTasksOfAnInstance() {
    metrics.bindTo(registry);
    metrics.buffered("a", 10);
    metrics.buffered("a", -4);
    metrics.restored(2);
    metrics.joined("c");
    metrics.retired("a");
    metrics.released(1);

    assertThat(gauge("invstream.balancer.buffered", "environment", "a")).isEqualTo(6);
    assertThat(gauge("invstream.balancer.environments.active")).isEqualTo(1);
    assertThat(count("invstream.balancer.environments.joined", "environment", "c")).isEqualTo(1);
    assertThat(count("invstream.balancer.environments.retired", "environment", "a")).isEqualTo(1);
  }

  @Test
  void lagIsTheWallClockMinusTheNewestEventTimeSeen() {
    metrics.bindTo(registry);
    metrics.seen("a", NOW.minusMillis(3000).toEpochMilli());
    metrics.seen("a", NOW.minusMillis(1200).toEpochMilli());
    metrics.seen("a", NOW.minusMillis(5000).toEpochMilli());
    metrics.seen("b", Long.MIN_VALUE);

    assertThat(gauge("invstream.balancer.lag", "environment", "a")).isEqualTo(1200);
    assertThat(registry.find("invstream.balancer.lag").tags("environment", "b").gauge()).as("nothing seen yet").isNull();
  }

  @Test
  void metersCreatedBeforeBindingAppearInEveryRegistryBoundLater() {
    metrics.buffered("a", 3);
    SimpleMeterRegistry other = new SimpleMeterRegistry();

    metrics.bindTo(registry);
    metrics.bindTo(other);
    metrics.buffered("a", 1);
    metrics.batch(BatchReason.FULL);

    assertThat(gauge("invstream.balancer.buffered", "environment", "a")).isEqualTo(4);
    assertThat(other.find("invstream.balancer.buffered").tags("environment", "a").gauge().value()).isEqualTo(4);
    assertThat(other.find("invstream.balancer.environments.active").gauge()).isNotNull();
    assertThat(other.find("invstream.balancer.batches").tags("reason", "FULL").counter().count()).isEqualTo(1);
  }

  private double count(String name, String... tags) {
    return registry.find(name).tags(tags).counter().count();
  }

  private double gauge(String name, String... tags) {
    return registry.find(name).tags(tags).gauge().value();
  }
}
