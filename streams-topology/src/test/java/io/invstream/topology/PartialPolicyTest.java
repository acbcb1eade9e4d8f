package io.invstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.schemas.BalancedBatch;
import io.invstream.schemas.BatchReason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** PARTIAL: does not wait for environments with nothing buffered; waits for short ones up to maxWait. */
class PartialPolicyTest {

  private static BalancerConfig.Builder partial() {
    return BalancerDriver.config().policy(StarvationPolicy.PARTIAL);
  }

  @Test
  void cutsAsSoonAsEveryEnvironmentWithDataHasItsQuota() {
    try (BalancerDriver driver = new BalancerDriver(partial().build())) {
      driver.starveB();

      BalancedBatch batch = driver.batches().get(0);
      assertThat(batch.getReason()).as("no time passed: b has nothing, so a's quota is enough").isEqualTo(BatchReason.PARTIAL);
      assertThat(batch.getEnvironments()).containsExactly("a");
      assertThat(batch.getMissingEnvironments()).containsExactly("b");
      assertThat(Batches.fresh(batch)).containsExactly("a/a3", "a/a4");
      assertThat(driver.counter("invstream.balancer.batches", "reason", "PARTIAL")).isEqualTo(1);
    }
  }

  @Test
  void anEnvironmentWithSomeDataIsWaitedForUntilMaxWait() {
    try (BalancerDriver driver = new BalancerDriver(partial().build())) {
      driver.send("a", "a1");
      driver.send("b", "b1");
      driver.send("a", "a2");
      driver.advance(Duration.ofMillis(900));
      assertThat(driver.batches()).as("b is short, not empty").isEmpty();

      driver.advance(Duration.ofMillis(200));

      BalancedBatch batch = driver.batches().get(0);
      assertThat(batch.getReason()).as("nothing is missing").isEqualTo(BatchReason.TIMEOUT);
      assertThat(Batches.fresh(batch)).containsExactly("a/a1", "a/a2", "b/b1");
    }
  }

  @Test
  void atMaxWaitTheShortContributeAndTheEmptyAreMissing() {
    try (BalancerDriver driver = new BalancerDriver(partial().build())) {
      driver.starveB();
      driver.batches();
      driver.send("c", "c1");
      driver.send("a", "a5");
      driver.send("a", "a6");
      assertThat(driver.batches()).as("c is short").isEmpty();

      driver.advance(Duration.ofMillis(1100));

      BalancedBatch batch = driver.batches().get(0);
      assertThat(batch.getReason()).isEqualTo(BatchReason.PARTIAL);
      assertThat(batch.getEnvironments()).containsExactly("a", "c");
      assertThat(batch.getMissingEnvironments()).containsExactly("b");
      assertThat(Batches.fresh(batch)).containsExactly("a/a5", "a/a6", "c/c1");
    }
  }

  @Test
  void minEnvironmentsHoldsAPartialBatchBack() {
    try (BalancerDriver driver = new BalancerDriver(partial().minEnvironments(2).build())) {
      driver.starveB();
      driver.advance(Duration.ofMillis(1100));
      assertThat(driver.batches()).isEmpty();
    }
  }
}
