package io.invstream.trainer.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.invstream.trainer.algorithm.AndMask;
import io.invstream.trainer.algorithm.AndMaskHyperparameters;
import io.invstream.trainer.algorithm.BackwardPhase;
import io.invstream.trainer.algorithm.Erm;
import io.invstream.trainer.algorithm.ForwardPhase;
import io.invstream.trainer.algorithm.GradientCombination;
import io.invstream.trainer.algorithm.InvariantAlgorithm;
import io.invstream.trainer.algorithm.SandMask;
import io.invstream.trainer.algorithm.SandMaskHyperparameters;
import io.invstream.trainer.algorithm.UpdateKind;
import io.invstream.trainer.hparam.Hyperparameters;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.optim.SgdConfig;
import io.invstream.trainer.param.NamedTensor;
import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.reference.FiniteDifferences;
import io.invstream.trainer.reference.HostTensors;
import io.invstream.trainer.reference.ReferenceDense;
import io.invstream.trainer.reference.ReferenceModel;
import io.invstream.trainer.tensor.TensorBackend;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The update each algorithm produces through the shared pipeline, against the formula applied to
 * float64 finite-difference gradients of an independent reference model. Environments have
 * different sizes and one carries example weights.
 */
class AlgorithmGradientTest {

  private static final TensorBackend BACKEND = new Nd4jCpuBackend();
  private static final Mlp SPEC = new Mlp(4, List.of(6), 3);
  private static final ReferenceModel REFERENCE = new ReferenceDense(4, 6, 3);
  private static final TrainingBatch BATCH = Fixtures.batch(4, 3, 21, 5, 4, 7);

  private Trainer trainer(InvariantAlgorithm algorithm) {
    return Trainer.create(BACKEND, SPEC, new SgdConfig(0.1, 0, 0), algorithm, TrainerConfig.DEFAULTS, new SplittableRandom(3));
  }

  private static List<double[]> finiteDifferenceGradients(double[] theta) {
    List<double[]> out = new ArrayList<>();
    for (EnvironmentBatch b : BATCH.environments()) {
      out.add(FiniteDifferences.gradient(p -> ReferenceLosses.loss(REFERENCE, p, b), theta));
    }
    return out;
  }

  private static double[] theta(Trainer t) {
    return HostTensors.flatten(BACKEND, t.model().parameters());
  }

  @Test
  void perEnvironmentGradientsMatchFiniteDifferences() {
    RecordingAlgorithm recorder = new RecordingAlgorithm(new Erm());
    Trainer t = trainer(recorder);
    List<double[]> expected = finiteDifferenceGradients(theta(t));
    t.step(BATCH);
    for (int e = 0; e < expected.size(); e++) {
      assertClose(recorder.environmentGradients.get(e), expected.get(e), "environment " + e);
    }
  }

  @Test
  void ermUpdateIsTheGradientOfThePooledLoss() {
    RecordingAlgorithm recorder = new RecordingAlgorithm(new Erm());
    Trainer t = trainer(recorder);
    double total = BATCH.environments().stream().mapToDouble(ReferenceLosses::weightSum).sum();
    double[] expected =
        FiniteDifferences.gradient(
            p -> BATCH.environments().stream()
                .mapToDouble(b -> ReferenceLosses.weightSum(b) / total * ReferenceLosses.loss(REFERENCE, p, b))
                .sum(),
            theta(t));
    t.step(BATCH);
    assertClose(recorder.update, expected, "ERM update");
  }

  @Test
  void andMaskUpdateIsTheMaskedMeanOfFiniteDifferenceGradients() {
    for (double tau : new double[] {1.0, 2.0 / 3.0}) {
      RecordingAlgorithm recorder = new RecordingAlgorithm(new AndMask(new AndMaskHyperparameters(tau)));
      Trainer t = trainer(recorder);
      killHiddenUnits(t);
      List<double[]> g = finiteDifferenceGradients(theta(t));
      StepReport report = t.step(BATCH);
      int n = g.get(0).length;
      double[] expected = new double[n];
      int kept = 0;
      int exactZeros = 0;
      for (int j = 0; j < n; j++) {
        double signs = 0;
        double mean = 0;
        for (double[] ge : g) {
          assertThat(ge[j] == 0 || Math.abs(ge[j]) > 1e-4).as("fixture has no ambiguous sign at %d", j).isTrue();
          signs += Math.signum(ge[j]);
          mean += ge[j] / g.size();
          exactZeros += ge[j] == 0 ? 1 : 0;
        }
        if (Math.abs(signs / g.size()) >= tau - 1e-9) {
          expected[j] = mean;
          kept++;
        }
      }
      assertThat(exactZeros).as("dead ReLUs give exact zeros in the fixture").isGreaterThan(10);
      assertThat(kept).isBetween(1, n - 1);
      // The rescale is per tensor: divide each tensor's kept entries by that tensor's kept fraction.
      rescalePerTensor(t, expected);
      assertClose(recorder.update, expected, "AND-mask tau=" + tau);
      assertThat(report.penalties().get("andmask.kept")).isCloseTo((double) kept / n, within(1e-12));
    }
  }

  @Test
  void sandMaskUpdateIsTheFormulaOnFiniteDifferenceGradients() {
    double tau = 0.4;
    double k = 0.05;
    RecordingAlgorithm recorder = new RecordingAlgorithm(new SandMask(new SandMaskHyperparameters(tau, k)));
    Trainer t = trainer(recorder);
    List<double[]> g = finiteDifferenceGradients(theta(t));
    t.step(BATCH);
    int n = g.get(0).length;
    double[] mask = new double[n];
    double[] mean = new double[n];
    for (int j = 0; j < n; j++) {
      double signs = 0;
      for (double[] ge : g) {
        signs += Math.signum(ge[j]);
        mean[j] += ge[j] / g.size();
      }
      double var = 0;
      for (double[] ge : g) {
        var += Math.pow(ge[j] - mean[j], 2) / (g.size() - 1);
      }
      double x = k * (Math.abs(signs / g.size()) - tau) / var;
      mask[j] = Double.isNaN(x) ? 1e-17 : Math.max(Math.tanh(x), 0);
    }
    double[] expected = new double[n];
    int offset = 0;
    for (var spec : t.model().layout().specs()) {
      int size = (int) spec.shape().size();
      double maskSum = 0;
      for (int j = offset; j < offset + size; j++) {
        maskSum += mask[j];
      }
      for (int j = offset; j < offset + size; j++) {
        expected[j] = mask[j] * mean[j] / (1e-10 + maskSum / size);
      }
      offset += size;
    }
    assertClose(recorder.update, expected, "SAND-mask");
  }

  @Test
  void logitGradientHookChangesEachEnvironmentsShare() {
    double[] c = {2.0, -1.0, 0.5};
    Consumer<ForwardPhase> scale =
        step -> {
          for (int e = 0; e < step.environments(); e++) {
            step.backend().scale((float) c[e], step.environment(e).logitGradient());
          }
        };
    RecordingAlgorithm recorder = new RecordingAlgorithm(new SumOfShares(), scale);
    Trainer t = trainer(recorder);
    List<double[]> g = finiteDifferenceGradients(theta(t));
    t.step(BATCH);
    double[] expected = new double[g.get(0).length];
    for (int e = 0; e < 3; e++) {
      for (int j = 0; j < expected.length; j++) {
        expected[j] += c[e] * g.get(e)[j];
      }
    }
    assertClose(recorder.update, expected, "scaled logit gradients");
  }

  @Test
  void featureGradientHookAddsAGradientOnThePenultimateFeatures() {
    SplittableRandom random = new SplittableRandom(8);
    double[][][] q = new double[3][][];
    for (int e : new int[] {0, 2}) {
      q[e] = HostTensors.random(random, BATCH.environments().get(e).rows(), SPEC.hidden().get(0), 1.0);
    }
    Consumer<ForwardPhase> addQ =
        step -> {
          for (int e : new int[] {0, 2}) {
            var view = step.environment(e).featureGradient();
            step.backend().upload(HostTensors.floats(q[e]), view);
          }
        };
    RecordingAlgorithm recorder = new RecordingAlgorithm(new SumOfShares(), addQ);
    Trainer t = trainer(recorder);
    double[] expected =
        FiniteDifferences.gradient(
            p -> {
              double j = 0;
              for (int e = 0; e < 3; e++) {
                EnvironmentBatch b = BATCH.environments().get(e);
                ReferenceModel.Output out = REFERENCE.forward(p, ReferenceLosses.inputs(b));
                j += ReferenceLosses.loss(out, b);
                if (q[e] != null) {
                  for (int r = 0; r < b.rows(); r++) {
                    for (int d = 0; d < q[e][r].length; d++) {
                      j += q[e][r][d] * out.features()[r][d];
                    }
                  }
                }
              }
              return j;
            },
            theta(t));
    // Environment 1 never touched its feature gradient: it must have been zero-filled.
    t.step(BATCH);
    assertClose(recorder.update, expected, "feature gradients");
  }

  @Test
  void weightDecayStillActsOnMaskedWeights() {
    Trainer t = Trainer.create(BACKEND, SPEC, new SgdConfig(0.1, 0, 0.5),
        new RecordingAlgorithm(new AndMask(AndMaskHyperparameters.DEFAULTS)), TrainerConfig.DEFAULTS, new SplittableRandom(3));
    RecordingAlgorithm recorder = (RecordingAlgorithm) t.algorithm();
    double[] before = theta(t);
    t.step(BATCH);
    double[] after = theta(t);
    int masked = 0;
    for (int j = 0; j < before.length; j++) {
      if (recorder.update[j] == 0 && before[j] != 0) {
        masked++;
        assertThat(after[j]).isCloseTo(before[j] * (1 - 0.1 * 0.5), within(1e-6));
      }
    }
    assertThat(masked).isPositive();
  }

  /**
   * Makes hidden unit 0 dead for every example and unit 1 dead for environment 0 only (it fires
   * when feature 0 exceeds environment 0's largest value), so gradients contain exact zeros in all
   * environments and in just one: with τ = 2/3 the latter entries are kept by the other two.
   */
  private static void killHiddenUnits(Trainer t) {
    List<NamedTensor> params = new ArrayList<>(t.model().parameters().export(BACKEND));
    float[] w = params.get(0).data();
    float[] b = params.get(1).data();
    float[] x0 = BATCH.environments().get(0).features();
    float threshold = Float.NEGATIVE_INFINITY;
    for (int r = 0; r < BATCH.environments().get(0).rows(); r++) {
      threshold = Math.max(threshold, x0[r * 4]);
    }
    for (int e = 1; e < 3; e++) {
      float[] x = BATCH.environments().get(e).features();
      boolean fires = false;
      for (int r = 0; r < BATCH.environments().get(e).rows(); r++) {
        fires |= x[r * 4] > threshold + 1e-3f;
      }
      assertThat(fires).as("unit 1 fires somewhere in environment %d", e).isTrue();
    }
    b[0] = -100f;
    w[4] = 1f;
    w[5] = 0f;
    w[6] = 0f;
    w[7] = 0f;
    b[1] = -(threshold + 1e-3f);
    params.set(0, new NamedTensor(params.get(0).name(), params.get(0).shape(), w));
    params.set(1, new NamedTensor(params.get(1).name(), params.get(1).shape(), b));
    t.model().parameters().load(BACKEND, params);
  }

  /** Rescales kept entries of each parameter tensor by 1 / (1e-10 + that tensor's kept fraction). */
  private static void rescalePerTensor(Trainer t, double[] expected) {
    int offset = 0;
    for (var spec : t.model().layout().specs()) {
      int size = (int) spec.shape().size();
      int keptHere = 0;
      for (int j = offset; j < offset + size; j++) {
        keptHere += expected[j] != 0 ? 1 : 0;
      }
      for (int j = offset; j < offset + size; j++) {
        expected[j] /= 1e-10 + (double) keptHere / size;
      }
      offset += size;
    }
  }

  private static void assertClose(double[] actual, double[] expected, String what) {
    assertThat(actual).as(what).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("%s entry %d", what, i).isCloseTo(expected[i], within(2e-5 + 1e-3 * Math.abs(expected[i])));
    }
  }

  /** Sums the environments' gradients as they are, so a test's forward hook defines the objective. */
  private static final class SumOfShares implements InvariantAlgorithm {
    @Override
    public String name() {
      return "sum";
    }

    @Override
    public Hyperparameters hyperparameters() {
      return new io.invstream.trainer.algorithm.ErmHyperparameters();
    }

    @Override
    public UpdateKind combine(BackwardPhase step, ParameterBlock update) {
      double[] ones = new double[step.environments()];
      java.util.Arrays.fill(ones, 1.0);
      GradientCombination.linear(step, ones, update);
      return UpdateKind.GRADIENT;
    }
  }
}
