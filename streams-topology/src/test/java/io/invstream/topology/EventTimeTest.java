package io.invstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.schemas.BalancedBatch;
import io.invstream.schemas.BatchReason;
import io.invstream.schemas.DeadLetter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTimeTest {

  private static BalancerConfig.Builder eventTime() {
    return BalancerDriver.config().timeMode(TimeMode.EVENT_TIME).grace(Duration.ofMillis(500));
  }

  @Test
  void theDeadlineFollowsStreamTimeNotTheWallClock() {
    try (BalancerDriver driver = new BalancerDriver(eventTime().build())) {
      driver.send("a", "a1", 0, 0);
      driver.advance(Duration.ofSeconds(5));
      assertThat(driver.batches()).as("five wall-clock seconds are no event time").isEmpty();

      driver.send("b", "b1", 0, 1500);

      BalancedBatch batch = driver.batches().get(0);
      assertThat(batch.getReason()).isEqualTo(BatchReason.TIMEOUT);
      assertThat(Batches.fresh(batch)).containsExactly("a/a1", "b/b1");
    }
  }

  @Test
  void anExampleWithinGraceIsUsedAndOneBeyondIsDeadLettered() {
    try (BalancerDriver driver = new BalancerDriver(eventTime().build())) {
      driver.send("b", "b2", 0, 1900);
      driver.send("a", "a1", 0, 2000);
      driver.send("a", "a2", 0, 1600);
      driver.send("b", "b1", 0, 1000);
      driver.send("b", "b3", 0, 1700);

      assertThat(Batches.fresh(driver.batches().get(0))).containsExactly("a/a1", "a/a2", "b/b2", "b/b3");
      List<DeadLetter> deadLetters = driver.deadLetters();
      assertThat(deadLetters).extracting(DeadLetter::getReasonCode).containsExactly("LATE");
      assertThat(deadLetters.get(0).getReason()).contains("b1").contains("grace");
      assertThat(driver.counter("invstream.balancer.late", "environment", "b")).isEqualTo(1);
      assertThat(driver.counter("invstream.balancer.dropped", "environment", "b", "reason", "LATE")).isEqualTo(1);
    }
  }

  @Test
  void whenEveryInputGoesQuietTheWallClockIdleTimeoutFlushesThePendingBatch() {
    try (BalancerDriver driver = new BalancerDriver(eventTime().build())) {
      driver.send("a", "a1", 0, 0);
      driver.send("b", "b1", 0, 10);
      driver.advance(Duration.ofSeconds(9));
      assertThat(driver.batches()).isEmpty();

      driver.advance(Duration.ofSeconds(2));

      BalancedBatch batch = driver.batches().get(0);
      assertThat(batch.getReason()).isEqualTo(BatchReason.TIMEOUT);
      assertThat(Batches.fresh(batch)).containsExactly("a/a1", "b/b1");
    }
  }
}
