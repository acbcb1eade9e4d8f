package io.invstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.schemas.BalancedBatch;
import io.invstream.schemas.BatchReason;
import io.invstream.schemas.SourceRange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CountWindowTest {

  @Test
  void aFullBatchHoldsKFromEveryEnvironment() {
    try (BalancerDriver driver = new BalancerDriver(BalancerDriver.config().build())) {
      driver.send("a", "a1");
      driver.send("b", "b1");
      driver.send("a", "a2");
      assertThat(driver.batches()).isEmpty();

      driver.send("b", "b2");

      List<BalancedBatch> batches = driver.batches();
      assertThat(batches).hasSize(1);
      BalancedBatch batch = batches.get(0);
      assertThat(batch.getReason()).isEqualTo(BatchReason.FULL);
      assertThat(batch.getBatchId()).isEqualTo("test-balancer:0_0:0");
      assertThat(batch.getEnvironments()).containsExactly("a", "b");
      assertThat(batch.getMissingEnvironments()).isEmpty();
      assertThat(Batches.fresh(batch)).containsExactly("a/a1", "a/a2", "b/b1", "b/b2");
      assertThat(batch.getReplayed()).containsOnly(false);
      // TopologyTestDriver numbers offsets across all topics of a pattern source: a got 0 and 2, b 1 and 3.
      assertThat(batch.getSources()).containsExactly(new SourceRange("t.env.a", 0, 0L, 2L), new SourceRange("t.env.b", 0, 1L, 3L));
      assertThat(driver.counter("invstream.balancer.batches", "reason", "FULL")).isEqualTo(1);
    }
  }

  @Test
  void surplusWaitsForTheNextBatchAndIdsKeepCounting() {
    try (BalancerDriver driver = new BalancerDriver(BalancerDriver.config().build())) {
      driver.send("a", "a1");
      driver.send("b", "b1");
      driver.send("a", "a2");
      driver.send("a", "a3");
      driver.send("b", "b2");
      assertThat(driver.gauge("invstream.balancer.buffered", "environment", "a")).isEqualTo(1);
      driver.send("a", "a4");
      driver.send("b", "b3");
      driver.send("b", "b4");

      List<BalancedBatch> batches = driver.batches();
      assertThat(batches).extracting(BalancedBatch::getBatchId).containsExactly("test-balancer:0_0:0", "test-balancer:0_0:1");
      assertThat(Batches.fresh(batches.get(1))).containsExactly("a/a3", "a/a4", "b/b3", "b/b4");
      assertThat(driver.gauge("invstream.balancer.buffered", "environment", "a")).isZero();
    }
  }

  @Test
  void quotasGiveEachEnvironmentItsOwnShare() {
    BalancerConfig config = BalancerDriver.config().quotas(Map.of("a", 1, "b", 3)).build();
    try (BalancerDriver driver = new BalancerDriver(config)) {
      driver.send("b", "b1");
      driver.send("a", "a1");
      driver.send("a", "a2");
      driver.send("b", "b2");
      assertThat(driver.batches()).isEmpty();
      driver.send("b", "b3");

      assertThat(Batches.fresh(driver.batches().get(0))).containsExactly("a/a1", "b/b1", "b/b2", "b/b3");
    }
  }

  @Test
  void classBalanceSplitsTheQuotaOverClasses() {
    BalancerConfig config = BalancerDriver.config().classBalance(true).classes(2).build();
    try (BalancerDriver driver = new BalancerDriver(config)) {
      driver.send("b", "b1", 1, 0);
      driver.send("a", "a1", 0, 0);
      driver.send("a", "a2", 0, 0);
      driver.send("b", "b2", 0, 0);
      assertThat(driver.batches()).as("a has no example of class 1 yet").isEmpty();
      driver.send("a", "a3", 1, 0);

      BalancedBatch batch = driver.batches().get(0);
      assertThat(Batches.fresh(batch)).containsExactly("a/a1", "a/a3", "b/b2", "b/b1");
      assertThat(batch.getExamples()).extracting(example -> example.getLabel()).containsExactly(0, 1, 0, 1);
      assertThat(driver.gauge("invstream.balancer.buffered", "environment", "a")).as("a2 waits").isEqualTo(1);
    }
  }
}
