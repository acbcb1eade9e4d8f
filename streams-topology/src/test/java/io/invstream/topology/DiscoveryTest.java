package io.invstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.schemas.BalancedBatch;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DiscoveryTest {

  @Test
  void aNewEnvironmentTopicJoinsTheNextBatchWithoutARestart() {
    try (BalancerDriver driver = new BalancerDriver(BalancerDriver.config().build())) {
      driver.send("a", "a1");
      driver.send("b", "b1");
      driver.send("a", "a2");
      driver.send("b", "b2");
      assertThat(driver.batches()).singleElement().satisfies(batch -> assertThat(batch.getEnvironments()).containsExactly("a", "b"));

      driver.send("c", "c1");
      driver.send("a", "a3");
      driver.send("a", "a4");
      driver.send("b", "b3");
      driver.send("b", "b4");
      assertThat(driver.batches()).as("c is active and short").isEmpty();
      driver.send("c", "c2");

      BalancedBatch batch = driver.batches().get(0);
      assertThat(batch.getEnvironments()).containsExactly("a", "b", "c");
      assertThat(Batches.fresh(batch)).containsExactly("a/a3", "a/a4", "b/b3", "b/b4", "c/c1", "c/c2");
      assertThat(driver.counter("invstream.balancer.environments.joined", "environment", "c")).isEqualTo(1);
      assertThat(driver.gauge("invstream.balancer.environments.active")).isEqualTo(3);
    }
  }

  @Test
  void aSilentEnvironmentIsRetiredSoTheOthersGoOnAndRejoinsWhenItSpeaks() {
    try (BalancerDriver driver = new BalancerDriver(BalancerDriver.config().build())) {
      driver.send("a", "a1");
      driver.send("b", "b1");
      driver.send("a", "a2");
      driver.send("b", "b2");
      driver.batches();
      driver.advance(Duration.ofSeconds(11));
      assertThat(driver.gauge("invstream.balancer.environments.active")).isZero();

      driver.send("a", "a3");
      driver.send("a", "a4");
      assertThat(driver.batches()).singleElement()
          .satisfies(batch -> assertThat(batch.getEnvironments()).as("b is retired").containsExactly("a"));

      driver.send("b", "b3");
      driver.send("a", "a5");
      driver.send("a", "a6");
      assertThat(driver.batches()).as("b is back and short").isEmpty();
      driver.send("b", "b4");
      assertThat(driver.batches()).singleElement()
          .satisfies(batch -> assertThat(Batches.fresh(batch)).containsExactly("a/a5", "a/a6", "b/b3", "b/b4"));
      assertThat(driver.counter("invstream.balancer.environments.retired", "environment", "b")).isEqualTo(1);
      assertThat(driver.counter("invstream.balancer.environments.joined", "environment", "b")).isEqualTo(2);
    }
  }
}
