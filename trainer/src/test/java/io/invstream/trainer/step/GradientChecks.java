package io.invstream.trainer.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.invstream.trainer.reference.FiniteDifferences;
import io.invstream.trainer.reference.HostTensors;
import io.invstream.trainer.reference.ReferenceModel;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.List;

/** Float64 finite-difference ground truth and float32-aware comparisons for algorithm tests. */
final class GradientChecks {

  private GradientChecks() {}

  /** Flat parameters of a trainer's model, widened to double. */
  static double[] theta(TensorBackend backend, Trainer t) {
    return HostTensors.flatten(backend, t.model().parameters());
  }

  /** {@code ∇θ L_e} per environment by central differences of the float64 reference. */
  static List<double[]> environmentGradients(ReferenceModel reference, TrainingBatch batch, double[] theta) {
    List<double[]> out = new ArrayList<>();
    for (EnvironmentBatch b : batch.environments()) {
      out.add(FiniteDifferences.gradient(p -> ReferenceLosses.loss(reference, p, b), theta));
    }
    return out;
  }

  /**
   * Entry-wise {@code |actual − expected| ≤ absolute + relative·|expected|}: float32 results
   * against float64 truth.
   */
  static void assertClose(double[] actual, double[] expected, String what, double absolute, double relative) {
    assertThat(actual).as(what).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("%s entry %d", what, i)
          .isCloseTo(expected[i], within(absolute + relative * Math.abs(expected[i])));
    }
  }

  /** Largest magnitude of a vector, to scale tolerances of whole tensors. */
  static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }
}
