package io.invstream.trainer.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.invstream.trainer.algorithm.AndMask;
import io.invstream.trainer.algorithm.AndMaskHyperparameters;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.optim.SgdConfig;
import io.invstream.trainer.reference.ReferenceDense;
import io.invstream.trainer.reference.ReferenceModel;
import io.invstream.trainer.tensor.TensorBackend;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * AND-mask's {@code geom_mean} variant through the whole pipeline: the update against the formula
 * applied to float64 finite-difference gradients of each environment.
 */
class AndMaskGeometricMeanTest {

  private static final TensorBackend BACKEND = new Nd4jCpuBackend();
  private static final Mlp SPEC = new Mlp(4, List.of(6), 3);
  private static final ReferenceModel REFERENCE = new ReferenceDense(4, 6, 3);
  private static final TrainingBatch BATCH = Fixtures.batch(4, 3, 21, 5, 4, 7);

  @Test
  void updateIsTheMaskedSignedGeometricMeanOfFiniteDifferenceGradients() {
    for (double tau : new double[] {1.0, 2.0 / 3.0}) {
      RecordingAlgorithm recorder = new RecordingAlgorithm(
          new AndMask(new AndMaskHyperparameters(tau, AndMaskHyperparameters.GEOMETRIC_MEAN)));
      Trainer t = Trainer.create(BACKEND, SPEC, new SgdConfig(0.1, 0, 0), recorder, TrainerConfig.DEFAULTS,
          new SplittableRandom(3));
      List<double[]> g = GradientChecks.environmentGradients(REFERENCE, BATCH, GradientChecks.theta(BACKEND, t));
      StepReport report = t.step(BATCH);
      int n = g.get(0).length;
      double[] expected = new double[n];
      boolean[] kept = new boolean[n];
      for (int j = 0; j < n; j++) {
        double signs = 0;
        double mean = 0;
        double logs = 0;
        for (double[] ge : g) {
          signs += Math.signum(ge[j]);
          mean += ge[j] / g.size();
          logs += Math.log(Math.abs(ge[j]) + 1e-10) / g.size();
        }
        kept[j] = Math.abs(signs / g.size()) >= tau - 1e-9;
        expected[j] = kept[j] ? Math.signum(mean) * Math.exp(logs) : 0;
      }
      int offset = 0;
      int keptTotal = 0;
      for (var spec : t.model().layout().specs()) {
        int size = (int) spec.shape().size();
        int keptHere = 0;
        for (int j = offset; j < offset + size; j++) {
          keptHere += kept[j] ? 1 : 0;
        }
        for (int j = offset; j < offset + size; j++) {
          expected[j] /= 1e-10 + (double) keptHere / size;
        }
        keptTotal += keptHere;
        offset += size;
      }
      assertThat(keptTotal).isBetween(1, n - 1);
      GradientChecks.assertClose(recorder.update, expected, "geom_mean tau=" + tau, 2e-5, 1e-3);
      assertThat(report.penalties().get("andmask.kept")).isCloseTo((double) keptTotal / n, within(1e-12));
    }
  }

  @Test
  void withUnanimousSignsTheGeometricMeanIsNeverLargerThanTheArithmeticMean() {
    RecordingAlgorithm geometric = new RecordingAlgorithm(
        new AndMask(new AndMaskHyperparameters(1.0, AndMaskHyperparameters.GEOMETRIC_MEAN)));
    RecordingAlgorithm arithmetic = new RecordingAlgorithm(new AndMask(new AndMaskHyperparameters(1.0)));
    for (RecordingAlgorithm r : List.of(geometric, arithmetic)) {
      Trainer.create(BACKEND, SPEC, new SgdConfig(0.1, 0, 0), r, TrainerConfig.DEFAULTS, new SplittableRandom(3))
          .step(BATCH);
    }
    int strictlySmaller = 0;
    for (int j = 0; j < geometric.update.length; j++) {
      double gm = geometric.update[j];
      double am = arithmetic.update[j];
      assertThat(gm == 0).as("same mask at %d", j).isEqualTo(am == 0);
      if (gm != 0) {
        // τ = 1: every kept entry has one sign in all environments, so AM–GM applies (the same
        // per-tensor rescale multiplies both).
        assertThat(Math.signum(gm)).isEqualTo(Math.signum(am));
        assertThat(Math.abs(gm)).as("entry %d", j).isLessThanOrEqualTo(Math.abs(am) * (1 + 1e-5) + 1e-9);
        strictlySmaller += Math.abs(gm) < Math.abs(am) * (1 - 1e-3) ? 1 : 0;
      }
    }
    assertThat(strictlySmaller).isPositive();
  }
}
