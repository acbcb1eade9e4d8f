package io.invstream.trainer.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Reference defaults, {@code --hp} overrides and validation of the penalty algorithms. */
class PenaltyHyperparametersTest {

  private final AlgorithmRegistry registry = AlgorithmRegistry.standard();

  @Test
  void defaultsAreDomainBeds() {
    assertThat(registry.factory("irm").defaults().asStrings())
        .containsExactly(entry("lambda", "100.0"), entry("penaltyAnnealIters", "500"), entry("estimator", "split"));
    assertThat(registry.factory("vrex").defaults().asStrings())
        .containsExactly(entry("lambda", "10.0"), entry("penaltyAnnealIters", "500"));
    assertThat(registry.factory("fishr").defaults().asStrings())
        .containsExactly(entry("lambda", "1000.0"), entry("penaltyAnnealIters", "1500"), entry("ema", "0.95"));
    assertThat(registry.factory("coral").defaults().asStrings()).containsExactly(entry("gamma", "1.0"));
    assertThat(registry.factory("dann").defaults().asStrings())
        .containsExactly(
            entry("lambda", "1.0"), entry("dStepsPerGStep", "1"), entry("lrD", "0.001"), entry("weightDecayD", "0.0"),
            entry("beta1", "0.5"), entry("mlpWidth", "256"), entry("mlpDepth", "3"), entry("environmentSlots", "0"));
  }

  @Test
  void overridesReachTheAlgorithm() {
    InvariantAlgorithm irm =
        registry.create("irm", Map.of("estimator", "squared", "lambda", "3"), new SplittableRandom(1));
    assertThat(irm).isInstanceOf(Irm.class);
    assertThat(irm.hyperparameters()).isEqualTo(new IrmHyperparameters(3, 500, "squared"));
    assertThat(((IrmHyperparameters) irm.hyperparameters()).dummyScaleEstimator()).isEqualTo(DummyScaleEstimator.SQUARED);
    assertThat(registry.create("dann", Map.of("dStepsPerGStep", "4"), new SplittableRandom(1)).hyperparameters())
        .isEqualTo(new DannHyperparameters(1, 4, 1e-3, 0, 0.5, 256, 3, 0));
  }

  @Test
  void invalidValuesAreRefusedWithTheReason() {
    assertThatThrownBy(() -> registry.create("irm", Map.of("estimator", "even"), new SplittableRandom(1)))
        .hasMessageContaining("IRM estimator must be one of [split, squared], got 'even'");
    assertThatThrownBy(() -> new IrmHyperparameters(-1, 0, "split")).hasMessageContaining("non-negative");
    assertThatThrownBy(() -> new VRexHyperparameters(1, -2)).hasMessageContaining("penaltyAnnealIters");
    assertThatThrownBy(() -> new FishrHyperparameters(1, 0, 1.0)).hasMessageContaining("ema must be in [0, 1)");
    assertThatThrownBy(() -> new CoralHyperparameters(Double.NaN)).hasMessageContaining("gamma");
    assertThatThrownBy(() -> new DannHyperparameters(1, 0, 1e-3, 0, 0.5, 256, 3, 0)).hasMessageContaining("dStepsPerGStep");
    assertThatThrownBy(() -> new DannHyperparameters(1, 1, 1e-3, 0, 0.5, 256, 1, 0)).hasMessageContaining("mlpDepth");
    assertThatThrownBy(() -> new DannHyperparameters(1, 1, 1e-3, 0, 0.5, 256, 3, 1)).hasMessageContaining("environmentSlots");
  }

  @Test
  void penaltyWeightSwitchesAfterTheAnnealAndResetsOnlyThere() {
    PenaltySchedule s = new PenaltySchedule(1, 100, 3);
    assertThat(new double[] {s.weight(0), s.weight(2), s.weight(3), s.weight(50)}).containsExactly(1, 1, 100, 100);
    assertThat(new boolean[] {s.switchesAt(2), s.switchesAt(3), s.switchesAt(4)}).containsExactly(false, true, false);
    assertThat(new PenaltySchedule(0, 5, 0).switchesAt(0)).as("no reset without an anneal").isFalse();
  }

  @Test
  void dannAlternatesAsDomainBed() {
    DannHyperparameters one = DannHyperparameters.DEFAULTS;
    assertThat(java.util.stream.LongStream.range(0, 6).mapToObj(one::discriminatorStep))
        .containsExactly(false, true, false, true, false, true);
    DannHyperparameters three = new DannHyperparameters(1, 3, 1e-3, 0, 0.5, 256, 3, 0);
    assertThat(java.util.stream.LongStream.range(0, 8).mapToObj(three::discriminatorStep))
        .containsExactly(true, true, false, true, true, true, false, true);
  }

  @Test
  void splitEstimatorMultipliesTheHalvesAndDifferentiatesEachByTheOther() {
    float[] r = {1, 2, 3, 4, 5};
    double[] c = new double[5];
    // even rows 0, 2, 4: mean 3; odd rows 1, 3: mean 3.
    assertThat(DummyScaleEstimator.SPLIT.penalty(r, null, 5, c)).isEqualTo(9.0);
    assertThat(c).containsExactly(1.0, 1.5, 1.0, 1.5, 1.0);
    float[] w = {1, 1, 3, 1, 0};
    // even: (1 + 9 + 0)/4 = 2.5, odd: (2 + 4)/2 = 3.
    assertThat(DummyScaleEstimator.SPLIT.penalty(r, w, 5, c)).isEqualTo(7.5);
    assertThat(c).containsExactly(0.75, 1.25, 2.25, 1.25, 0.0);
    assertThat(DummyScaleEstimator.SQUARED.penalty(r, null, 5, c)).isEqualTo(9.0);
    assertThat(c[0]).isEqualTo(2 * 3.0 / 5);
  }
}
