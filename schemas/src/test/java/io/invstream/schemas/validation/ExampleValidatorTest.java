package io.invstream.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.schemas.Example;
import io.invstream.schemas.FeatureVectors;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExampleValidatorTest {

  private final ExampleValidator validator = new ExampleValidator(3, 2);

  private static Example.Builder good() {
    return Example.newBuilder().setEnvironment("a").setId("1").setEventTime(Instant.EPOCH)
        .setFeatures(FeatureVectors.encode(new float[] {1, 2, 3})).setLabel(1);
  }

  @Test
  void aGoodExamplePasses() {
    assertThat(validator.check(good().setMask(FeatureVectors.encode(new float[] {0, 1, 0})).setWeight(2f).build())).isEmpty();
  }

  @Test
  void eachDefectHasItsReason() {
    assertThat(reason(good().setLabel(null).build())).isEqualTo(RejectReason.MISSING_LABEL);
    assertThat(reason(good().setLabel(2).build())).isEqualTo(RejectReason.BAD_LABEL);
    assertThat(reason(good().setLabel(-1).build())).isEqualTo(RejectReason.BAD_LABEL);
    assertThat(reason(good().setFeatures(FeatureVectors.encode(new float[] {1, 2})).build())).isEqualTo(RejectReason.WRONG_DIMENSION);
    assertThat(reason(good().setFeatures(FeatureVectors.encode(new float[] {1, Float.NaN, 3})).build())).isEqualTo(RejectReason.NON_FINITE);
    assertThat(reason(good().setFeatures(FeatureVectors.encode(new float[] {1, 2, Float.NEGATIVE_INFINITY})).build())).isEqualTo(RejectReason.NON_FINITE);
    assertThat(reason(good().setMask(FeatureVectors.encode(new float[] {1})).build())).isEqualTo(RejectReason.BAD_MASK);
    assertThat(reason(good().setWeight(Float.NaN).build())).isEqualTo(RejectReason.BAD_WEIGHT);
    assertThat(reason(good().setEnvironment("").build())).isEqualTo(RejectReason.WRONG_ENVIRONMENT);
  }

  @Test
  void theMessageSaysWhere() {
    Rejection rejection = validator.check(good().setFeatures(FeatureVectors.encode(new float[] {1, 2, Float.NaN})).build()).orElseThrow();
    assertThat(rejection.message()).contains("feature 2").contains("example 1");
  }

  @Test
  void zeroMeansAnyDimension() {
    ExampleValidator any = new ExampleValidator(0, 0);
    assertThat(any.check(good().setFeatures(FeatureVectors.encode(new float[7])).setLabel(9).build())).isEmpty();
  }

  private RejectReason reason(Example example) {
    return validator.check(example).orElseThrow().reason();
  }
}
