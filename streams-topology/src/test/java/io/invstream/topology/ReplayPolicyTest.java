package io.invstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.schemas.BalancedBatch;
import io.invstream.schemas.BatchReason;
import io.invstream.schemas.SourceRange;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** REPLAY: at maxWait, short shares are topped up from the environment's reservoir. */
class ReplayPolicyTest {

  private static BalancerDriver replaying() {
    return new BalancerDriver(BalancerDriver.config().policy(StarvationPolicy.REPLAY).build());
  }

  @Test
  void anEmptyShareIsFilledFromTheReservoirAndMarked() {
    try (BalancerDriver driver = replaying()) {
      driver.starveB();
      driver.advance(Duration.ofMillis(900));
      assertThat(driver.batches()).isEmpty();

      driver.advance(Duration.ofMillis(200));

      BalancedBatch batch = driver.batches().get(0);
      assertThat(batch.getReason()).isEqualTo(BatchReason.REPLAY);
      assertThat(batch.getEnvironments()).containsExactly("a", "b");
      assertThat(batch.getMissingEnvironments()).isEmpty();
      assertThat(Batches.fresh(batch)).containsExactly("a/a3", "a/a4");
      assertThat(Batches.replayed(batch)).containsExactlyInAnyOrder("b/b1", "b/b2");
      assertThat(batch.getReplayed()).containsExactly(false, false, true, true);
      assertThat(batch.getSources()).extracting(SourceRange::getTopic).containsExactly("t.env.a");
      assertThat(driver.counter("invstream.balancer.examples", "environment", "b", "source", "replayed")).isEqualTo(2);
      assertThat(driver.counter("invstream.balancer.batches", "reason", "REPLAY")).isEqualTo(1);
    }
  }

  @Test
  void aShortShareKeepsItsFreshExamplesAndReplaysOnlyTheRest() {
    try (BalancerDriver driver = replaying()) {
      driver.starveB();
      driver.send("b", "b3");
      driver.advance(Duration.ofMillis(1100));

      BalancedBatch batch = driver.batches().get(0);
      assertThat(batch.getReason()).isEqualTo(BatchReason.REPLAY);
      assertThat(Batches.fresh(batch)).containsExactly("a/a3", "a/a4", "b/b3");
      assertThat(Batches.replayed(batch)).singleElement().asString().startsWith("b/");
    }
  }
}
