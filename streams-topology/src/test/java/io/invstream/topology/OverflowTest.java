package io.invstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.schemas.DeadLetter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A full buffer makes the batch due at once; an example is shed (OVERFLOW) only when even a due cut
 * is impossible, because fewer than minEnvironments environments can contribute.
 */
class OverflowTest {

  @ParameterizedTest
  @EnumSource(StarvationPolicy.class)
  void aSilentEnvironmentNeverMakesABurstingOneShed(StarvationPolicy policy) {
    BalancerConfig config = BalancerDriver.config().policy(policy).bufferBatches(1).build();
    try (BalancerDriver driver = new BalancerDriver(config)) {
      driver.starveB();
      List<String> batched = new ArrayList<>();
      for (int i = 5; i <= 30; i++) {
        driver.send("a", "a" + i);
        driver.batches().forEach(batch -> batched.addAll(Batches.fresh(batch)));
      }

      assertThat(driver.deadLetters()).isEmpty();
      assertThat(batched).filteredOn(id -> id.startsWith("a/")).doesNotHaveDuplicates()
          .hasSize(28 - (int) driver.gauge("invstream.balancer.buffered", "environment", "a"));
    }
  }

  @ParameterizedTest
  @EnumSource(StarvationPolicy.class)
  void aLoneEnvironmentBelowMinEnvironmentsShedsItsOldest(StarvationPolicy policy) {
    BalancerConfig config = BalancerDriver.config().policy(policy).bufferBatches(1).minEnvironments(2).build();
    try (BalancerDriver driver = new BalancerDriver(config)) {
      driver.send("a", "a1");
      driver.send("a", "a2");
      driver.send("a", "a3");

      assertThat(driver.batches()).isEmpty();
      assertThat(driver.deadLetters()).singleElement().satisfies(deadLetter -> {
        assertThat(deadLetter.getReasonCode()).isEqualTo("OVERFLOW");
        assertThat(deadLetter.getReason()).contains("a1").contains("minEnvironments");
      });
    }
  }

  @ParameterizedTest
  @EnumSource(value = StarvationPolicy.class, names = {"WAIT", "PARTIAL"})
  void anEnvironmentWithNothingDoesNotCountTowardsMinEnvironmentsSoAFullBufferSheds(StarvationPolicy policy) {
    BalancerConfig config = BalancerDriver.config().policy(policy).bufferBatches(1).minEnvironments(2).build();
    try (BalancerDriver driver = new BalancerDriver(config)) {
      driver.starveB();
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
