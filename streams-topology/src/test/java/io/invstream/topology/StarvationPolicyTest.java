package io.invstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.schemas.BalancedBatch;
import io.invstream.schemas.BatchReason;
import io.invstream.schemas.DeadLetter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StarvationPolicyTest {

  private static BalancerDriver driverWith(StarvationPolicy policy) {
    return new BalancerDriver(BalancerDriver.config().policy(policy).build());
  }

  /** One full batch from a and b, then only a sends: b is active but starved. */
  private static void starveB(BalancerDriver driver) {
    driver.send("a", "a1");
    driver.send("b", "b1");
    driver.send("a", "a2");
    driver.send("b", "b2");
    assertThat(driver.batches()).hasSize(1);
    driver.send("a", "a3");
    driver.send("a", "a4");
  }

  @Test
  void waitCutsATimeoutBatchWithTheShortShares() {
    try (BalancerDriver driver = driverWith(StarvationPolicy.WAIT)) {
      driver.send("a", "a1");
      driver.send("b", "b1");
      driver.send("a", "a2");
      driver.advance(Duration.ofMillis(900));
      assertThat(driver.batches()).isEmpty();

      driver.advance(Duration.ofMillis(200));

      BalancedBatch batch = driver.batches().get(0);
      assertThat(batch.getReason()).isEqualTo(BatchReason.TIMEOUT);
      assertThat(Batches.fresh(batch)).containsExactly("a/a1", "a/a2", "b/b1");
    }
  }

  @Test
  void waitHoldsTheBatchForAnEmptyEnvironmentUntilItIsRetired() {
    try (BalancerDriver driver = driverWith(StarvationPolicy.WAIT)) {
      starveB(driver);
      driver.advance(Duration.ofSeconds(5));
      assertThat(driver.batches()).as("b is active and has nothing: WAIT never omits it").isEmpty();

      driver.advance(Duration.ofSeconds(6));

      BalancedBatch batch = driver.batches().get(0);
      assertThat(batch.getReason()).isEqualTo(BatchReason.FULL);
      assertThat(batch.getEnvironments()).containsExactly("a");
      assertThat(Batches.fresh(batch)).containsExactly("a/a3", "a/a4");
      assertThat(driver.counter("invstream.balancer.environments.retired", "environment", "b")).isEqualTo(1);
    }
  }

  @Test
  void replayFillsTheStarvedShareFromTheReservoirAndMarksIt() {
    try (BalancerDriver driver = driverWith(StarvationPolicy.REPLAY)) {
      starveB(driver);
      driver.advance(Duration.ofMillis(1100));

      BalancedBatch batch = driver.batches().get(0);
      assertThat(batch.getReason()).isEqualTo(BatchReason.REPLAY);
      assertThat(batch.getEnvironments()).containsExactly("a", "b");
      assertThat(Batches.fresh(batch)).containsExactly("a/a3", "a/a4");
      assertThat(Batches.replayed(batch)).containsExactlyInAnyOrder("b/b1", "b/b2");
      assertThat(batch.getReplayed()).containsExactly(false, false, true, true);
      assertThat(batch.getSources()).extracting(source -> source.getTopic()).containsExactly("t.env.a");
      assertThat(driver.counter("invstream.balancer.examples", "environment", "b", "source", "replayed")).isEqualTo(2);
      assertThat(driver.counter("invstream.balancer.batches", "reason", "REPLAY")).isEqualTo(1);
    }
  }

  @Test
  void partialEmitsWithoutTheStarvedEnvironmentAndNamesIt() {
    try (BalancerDriver driver = driverWith(StarvationPolicy.PARTIAL)) {
      starveB(driver);
      driver.advance(Duration.ofMillis(1100));

      BalancedBatch batch = driver.batches().get(0);
      assertThat(batch.getReason()).isEqualTo(BatchReason.PARTIAL);
      assertThat(batch.getEnvironments()).containsExactly("a");
      assertThat(batch.getMissingEnvironments()).containsExactly("b");
      assertThat(Batches.fresh(batch)).containsExactly("a/a3", "a/a4");
    }
  }

  @Test
  void minEnvironmentsHoldsAPartialBatchBack() {
    BalancerConfig config = BalancerDriver.config().policy(StarvationPolicy.PARTIAL).minEnvironments(2).build();
    try (BalancerDriver driver = new BalancerDriver(config)) {
      starveB(driver);
      driver.advance(Duration.ofMillis(1100));
      assertThat(driver.batches()).isEmpty();
    }
  }

  @Test
  void aFullBufferThatCannotBeCutShedsItsOldestExampleToTheDeadLetters() {
    BalancerConfig config = BalancerDriver.config().policy(StarvationPolicy.WAIT).bufferBatches(1).build();
    try (BalancerDriver driver = new BalancerDriver(config)) {
      starveB(driver);
      driver.send("a", "a5");

      List<DeadLetter> deadLetters = driver.deadLetters();
      assertThat(deadLetters).hasSize(1);
      assertThat(deadLetters.get(0).getReasonCode()).isEqualTo("OVERFLOW");
      // a3, the oldest: the driver numbers offsets across the pattern's topics (a1 0, b1 1, a2 2, b2 3, a3 4).
      assertThat(deadLetters.get(0).getSourceOffset()).isEqualTo(4L);
      assertThat(deadLetters.get(0).getReason()).contains("a3");
      assertThat(driver.counter("invstream.balancer.dropped", "environment", "a", "reason", "OVERFLOW")).isEqualTo(1);
      assertThat(driver.gauge("invstream.balancer.buffered", "environment", "a")).isEqualTo(2);
    }
  }
}
