package io.invstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.schemas.BalancedBatch;
import io.invstream.schemas.BatchReason;
import io.invstream.schemas.SourceRange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WAIT: waits for every active environment up to maxWait, then emits what is there. */
class WaitPolicyTest {

  private static BalancerConfig.Builder waiting() {
    return BalancerDriver.config().policy(StarvationPolicy.WAIT);
  }

  @Test
  void shortEnvironmentsContributeWhatTheyHaveOnceMaxWaitPassed() {
    try (BalancerDriver driver = new BalancerDriver(waiting().build())) {
      driver.send("a", "a1");
      driver.send("b", "b1");
      driver.send("a", "a2");
      driver.advance(Duration.ofMillis(900));
      assertThat(driver.batches()).isEmpty();

      driver.advance(Duration.ofMillis(200));

      BalancedBatch batch = driver.batches().get(0);
      assertThat(batch.getReason()).isEqualTo(BatchReason.TIMEOUT);
      assertThat(batch.getMissingEnvironments()).isEmpty();
      assertThat(Batches.fresh(batch)).containsExactly("a/a1", "a/a2", "b/b1");
    }
  }

  @Test
  void anEnvironmentWithNothingIsListedMissingOnceMaxWaitPassedAndNotBefore() {
    try (BalancerDriver driver = new BalancerDriver(waiting().build())) {
      driver.starveB();
      driver.advance(Duration.ofMillis(900));
      assertThat(driver.batches()).as("b is active: the batch waits for it up to maxWait").isEmpty();

      driver.advance(Duration.ofMillis(200));

      BalancedBatch batch = driver.batches().get(0);
      assertThat(batch.getReason()).isEqualTo(BatchReason.TIMEOUT);
      assertThat(batch.getEnvironments()).containsExactly("a");
      assertThat(batch.getMissingEnvironments()).containsExactly("b");
      assertThat(Batches.fresh(batch)).containsExactly("a/a3", "a/a4");
      assertThat(batch.getSources()).extracting(SourceRange::getTopic).containsExactly("t.env.a");
      assertThat(driver.counter("invstream.balancer.batches", "reason", "TIMEOUT")).isEqualTo(1);
      assertThat(driver.deadLetters()).isEmpty();
    }
  }

  @Test
  void aQuietEnvironmentDelaysEachBatchByAtMostMaxWaitUntilItIsRetired() {
    try (BalancerDriver driver = new BalancerDriver(waiting().build())) {
      driver.starveB();
      for (int round = 0; round < 3; round++) {
        if (round > 0) {
          driver.send("a", "x" + round);
          driver.send("a", "y" + round);
        }
        driver.advance(Duration.ofMillis(900));
        assertThat(driver.batches()).as("round %d before maxWait", round).isEmpty();
        // The wall-clock punctuator ticks every maxWait / 4: the batch leaves at the first tick after maxWait.
        driver.advance(Duration.ofMillis(350));
        assertThat(driver.batches()).as("round %d after maxWait", round).singleElement()
            .satisfies(batch -> assertThat(batch.getMissingEnvironments()).containsExactly("b"));
      }
      driver.advance(Duration.ofSeconds(8));
      assertThat(driver.counter("invstream.balancer.environments.retired", "environment", "b")).isEqualTo(1);

      driver.send("a", "a5");
      driver.send("a", "a6");

      assertThat(driver.batches()).as("b is retired: a's quota is a FULL batch at once").singleElement().satisfies(batch -> {
        assertThat(batch.getReason()).isEqualTo(BatchReason.FULL);
        assertThat(batch.getMissingEnvironments()).isEmpty();
      });
    }
  }

  @Test
  void aBurstingEnvironmentBesideASilentOneIsCutWhenItsBufferIsFullNotShed() {
    try (BalancerDriver driver = new BalancerDriver(waiting().bufferBatches(2).build())) {
      driver.starveB();
      driver.send("a", "a5");
      driver.send("a", "a6");
      assertThat(driver.batches()).as("a's buffer (2 quotas) is full, but nothing needs its room yet").isEmpty();

      driver.send("a", "a7");

      BalancedBatch batch = driver.batches().get(0);
      assertThat(batch.getReason()).isEqualTo(BatchReason.TIMEOUT);
      assertThat(batch.getMissingEnvironments()).containsExactly("b");
      assertThat(Batches.fresh(batch)).containsExactly("a/a3", "a/a4");

      List<String> batched = new ArrayList<>(Batches.fresh(batch));
      for (int i = 8; i <= 40; i++) {
        driver.send("a", "a" + i);
      }
      driver.batches().forEach(next -> batched.addAll(Batches.fresh(next)));
      assertThat(driver.deadLetters()).as("nothing is shed").isEmpty();
      assertThat(driver.counter("invstream.balancer.dropped", "environment", "a", "reason", "OVERFLOW")).isZero();
      assertThat(batched).doesNotHaveDuplicates().hasSize(38 - (int) driver.gauge("invstream.balancer.buffered", "environment", "a"));
    }
  }
}
