package io.invstream.trainer.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.trainer.algorithm.AlgorithmRegistry;
import io.invstream.trainer.optim.SgdConfig;
import io.invstream.trainer.param.NamedTensor;
import io.invstream.trainer.reference.ReferenceFixture;
import io.invstream.trainer.reference.ReferenceFixtures;
import io.invstream.trainer.reference.ReferenceTensor;
import io.invstream.trainer.tensor.TensorBackend;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reference fixture run through the real float32 pipeline (registry → trainer → hooks →
 * combine): the combined update, the update kind, the environment losses, the reported penalties
 * and the exported algorithm state must agree with PyTorch's float64 numbers.
 *
 * <p>Tolerance, {@value #FLOAT32_TOLERANCE} relative in the max norm ({@code ‖a − b‖∞ ≤ tol ·
 * ‖b‖∞}), is a float32 bound, not 1e-6: inputs, parameters and every intermediate are rounded to
 * 24 bits (unit roundoff 6e-8), the forward pass and the closed forms sum tens of terms, and the
 * penalties are differences of nearly equal quantities (IRM's split product, V-REx's and Fishr's
 * deviations from a mean, CORAL's covariance differences) that lose one to two further digits; a
 * backend with another summation order (a GPU, another BLAS kernel) must pass too. Measured on
 * the CPU backend: at most 2.5e-7 for every combined update, 9.2e-7 for a penalty value (IRM's
 * split product), 1.2e-6 for state (Adam's second moment, a square). The exact formulas are
 * checked to 1e-6 in float64 by {@link ReferenceFormulaTest} (measured ≤ 3e-11).
 */
class ReferenceConformanceTest {

  static final double FLOAT32_TOLERANCE = 1e-5;

  private static final TensorBackend BACKEND = new Nd4jCpuBackend();

  static List<String> fixtures() {
    return ReferenceFixtures.available();
  }

  @Test
  void fixturesOfEveryAlgorithmOfThisBranchArePresent() {
    assertThat(fixtures())
        .contains("erm", "andmask", "irm-split", "irm-squared", "vrex", "fishr", "coral", "dann");
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void pipelineMatchesThePyTorchReference(String name) {
    ReferenceFixture fixture = ReferenceFixtures.load(name);
    RecordingAlgorithm algorithm =
        new RecordingAlgorithm(
            AlgorithmRegistry.standard().create(fixture.algorithm(), fixture.hyperparameters(), new SplittableRandom(1)));
    Trainer trainer =
        Trainer.create(BACKEND, fixture.model(), new SgdConfig(0.1, 0, 0), algorithm, TrainerConfig.DEFAULTS, new SplittableRandom(1));
    if (fixture.initialState() != null) {
      algorithm.importState(fixture.initialState());
    }
    for (ReferenceFixture.Step step : fixture.steps()) {
      String where = name + " update " + step.updateCount();
      assertThat(trainer.updates()).as(where + ": updates before the step").isEqualTo(step.updateCount());
      trainer.model().parameters().load(BACKEND, ReferenceTensor.toNamedTensors(step.parameters()));
      StepReport report = trainer.step(step.batch());
      assertThat(report.applied()).as(where + " applied").isTrue();
      assertThat(algorithm.kind.name()).as(where + " update kind").isEqualTo(step.expected().updateKind());
      assertRelative(algorithm.update, ReferenceTensor.flatten(step.expected().update()), FLOAT32_TOLERANCE, where + " update");
      for (int e = 0; e < step.environments().size(); e++) {
        assertThat(report.environments().get(e).loss())
            .as(where + " loss of environment " + e)
            .isCloseTo(step.expected().losses()[e], org.assertj.core.api.Assertions.within(1e-6));
      }
      step.expected().penalties().forEach(
          (key, value) -> {
            assertThat(report.penalties()).as(where).containsKey(key);
            assertRelative(new double[] {report.penalties().get(key)}, new double[] {value}, FLOAT32_TOLERANCE, where + " " + key);
          });
      Map<String, NamedTensor> state =
          algorithm.exportState().tensors().stream().collect(Collectors.toMap(NamedTensor::name, Function.identity()));
      for (ReferenceTensor expected : step.expected().state()) {
        assertThat(state).as(where + " exported state").containsKey(expected.name());
        float[] actual = state.get(expected.name()).data();
        double[] widened = new double[actual.length];
        for (int i = 0; i < actual.length; i++) {
          widened[i] = actual[i];
        }
        assertRelative(widened, expected.data(), FLOAT32_TOLERANCE, where + " state " + expected.name());
      }
    }
  }

  /** {@code ‖actual − expected‖∞ ≤ tolerance · ‖expected‖∞}; all-zero expectations must be exact. */
  static void assertRelative(double[] actual, double[] expected, double tolerance, String what) {
    assertThat(actual).as(what + " size").hasSameSizeAs(expected);
    double scale = 0;
    double error = 0;
    for (int i = 0; i < expected.length; i++) {
      scale = Math.max(scale, Math.abs(expected[i]));
      error = Math.max(error, Math.abs(actual[i] - expected[i]));
    }
    assertThat(error).as("%s: max |actual − expected| with max |expected| = %s", what, scale).isLessThanOrEqualTo(tolerance * scale);
  }
}
