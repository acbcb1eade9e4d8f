package io.invstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.schemas.DeadLetter;
import io.invstream.schemas.Example;
import io.invstream.schemas.FeatureVectors;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class BadRecordsTest {

  @Test
  void everyBadRecordIsDeadLetteredWithItsReasonAndBytesAndTheBalancerGoesOn() {
    try (BalancerDriver driver = new BalancerDriver(BalancerDriver.config().build())) {
      driver.send("b", "b1");
      driver.send("a", "a1");
      byte[] garbage = {1, 2, 3};
      driver.sendRaw("a", "x".getBytes(), garbage);
      driver.sendRaw("a", null, new byte[0]);
      Example good = TestExamples.example("a", "w", 0, 0);
      driver.send("a", Example.newBuilder(good).setFeatures(FeatureVectors.encode(new float[] {1, 2, 3, 4})).build());
      driver.send("a", Example.newBuilder(good).setId("n").setFeatures(FeatureVectors.encode(new float[] {1, Float.NaN, 3})).build());
      driver.send("a", Example.newBuilder(good).setId("i").setFeatures(FeatureVectors.encode(new float[] {1, 2, Float.POSITIVE_INFINITY})).build());
      driver.send("a", Example.newBuilder(good).setId("l").setLabel(null).build());
      driver.send("a", Example.newBuilder(good).setId("e").setEnvironment("b").build());
      driver.send("a", "a2");
      driver.send("b", "b2");

      List<DeadLetter> deadLetters = driver.deadLetters();
      assertThat(deadLetters).extracting(DeadLetter::getReasonCode).containsExactly("UNDECODABLE", "UNDECODABLE",
          "WRONG_DIMENSION", "NON_FINITE", "NON_FINITE", "MISSING_LABEL", "WRONG_ENVIRONMENT");
      DeadLetter undecodable = deadLetters.get(0);
      assertThat(undecodable.getStage()).isEqualTo("balancer");
      assertThat(undecodable.getSourceTopic()).isEqualTo("t.env.a");
      assertThat(undecodable.getSourcePartition()).isZero();
      // The driver numbers offsets across the pattern's topics: b1 0, a1 1, the garbage 2.
      assertThat(undecodable.getSourceOffset()).isEqualTo(2L);
      assertThat(undecodable.getValue()).isEqualTo(ByteBuffer.wrap(garbage));
      assertThat(undecodable.getKey()).isEqualTo(ByteBuffer.wrap("x".getBytes()));
      assertThat(deadLetters.get(2).getReason()).contains("4 features").contains("expects 3");
      assertThat(deadLetters.get(6).getReason()).contains("'b'").contains("t.env.a");
      assertThat(driver.counter("invstream.dead.letters", "stage", "balancer", "reason", "UNDECODABLE")).isEqualTo(2);
      assertThat(driver.counter("invstream.dead.letters", "stage", "balancer", "reason", "NON_FINITE")).isEqualTo(2);
      assertThat(driver.batches()).singleElement()
          .satisfies(batch -> assertThat(Batches.fresh(batch)).containsExactly("a/a1", "a/a2", "b/b1", "b/b2"));
    }
  }

  @Test
  void aConfiguredFeatureCountIsEnforcedFromTheFirstRecord() {
    try (BalancerDriver driver = new BalancerDriver(BalancerDriver.config().featureCount(5).build())) {
      driver.send("a", "a1");
      assertThat(driver.deadLetters()).extracting(DeadLetter::getReasonCode).containsExactly("WRONG_DIMENSION");
    }
  }
}
