package io.invstream.trainer.step;

import static io.invstream.trainer.step.ReferenceConformanceTest.assertRelative;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.invstream.trainer.algorithm.Coral;
import io.invstream.trainer.algorithm.CoralHyperparameters;
import io.invstream.trainer.algorithm.Dann;
import io.invstream.trainer.algorithm.DannHyperparameters;
import io.invstream.trainer.algorithm.Fishr;
import io.invstream.trainer.algorithm.FishrHyperparameters;
import io.invstream.trainer.algorithm.InvariantAlgorithm;
import io.invstream.trainer.algorithm.Irm;
import io.invstream.trainer.algorithm.IrmHyperparameters;
import io.invstream.trainer.algorithm.UpdateKind;
import io.invstream.trainer.algorithm.VRex;
import io.invstream.trainer.algorithm.VRexHyperparameters;
import io.invstream.trainer.model.Cnn;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.model.ModelSpec;
import io.invstream.trainer.optim.SgdConfig;
import io.invstream.trainer.param.NamedTensor;
import io.invstream.trainer.reference.FiniteDifferences;
import io.invstream.trainer.reference.HostTensors;
import io.invstream.trainer.reference.ReferenceCnn;
import io.invstream.trainer.reference.ReferenceDense;
import io.invstream.trainer.reference.ReferenceModel;
import io.invstream.trainer.tensor.TensorBackend;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Each penalty algorithm's combined update through the float32 pipeline against float64 finite
 * differences of its objective ({@link ReferencePenalties}), on batches the PyTorch fixtures do
 * not cover: environments of different sizes (5, 4, 7 examples, odd and even), one with example
 * weights, a deeper MLP and the CNN (whose featurizer the Fishr and CORAL gradients must reach).
 * Tolerance {@value #TOLERANCE} relative in the max norm: float32 pipeline (≈ 1e-6) plus
 * second-order finite differences with step 1e-6 (≈ 1e-9).
 */
class PenaltyGradientTest {

  static final double TOLERANCE = 1e-4;

  private static final TensorBackend BACKEND = new Nd4jCpuBackend();
  private static final Mlp MLP = new Mlp(4, List.of(6, 5), 3);
  private static final ReferenceModel MLP_REFERENCE = new ReferenceDense(4, 6, 5, 3);
  private static final Cnn CNN = new Cnn(1, 8, 8, 2, 3, 2);
  private static final ReferenceModel CNN_REFERENCE = new ReferenceCnn(1, 8, 8, 2, 3, 2);
  private static final TrainingBatch BATCH = Fixtures.batch(4, 3, 21, 5, 4, 7);
  private static final TrainingBatch IMAGES = Fixtures.batch(64, 2, 22, 5, 4, 6);

  @Test
  void irmUpdateIsTheGradientOfMeanRiskPlusWeightedPenalty() {
    for (String estimator : List.of("split", "squared")) {
      for (int anneal : new int[] {0, 1}) {
        double lambda = 10;
        RecordingAlgorithm recorder = new RecordingAlgorithm(new Irm(new IrmHyperparameters(lambda, anneal, estimator)));
        double weight = anneal == 0 ? lambda : 1;
        StepReport report = checkFirstStep(MLP, MLP_REFERENCE, BATCH, recorder,
            passes -> ReferencePenalties.irm(passes, weight, estimator.equals("split")), "irm " + estimator);
        assertThat(report.penalties().get("irm.weight")).isEqualTo(weight);
        assertThat(report.penalties().get("irm.penalty"))
            .isCloseTo(ReferencePenalties.irmPenalty(passes(MLP_REFERENCE, firstTheta, BATCH), estimator.equals("split")), within(1e-6));
      }
    }
  }

  @Test
  void vrexUpdateIsTheGradientOfMeanRiskPlusWeightedVariance() {
    RecordingAlgorithm recorder = new RecordingAlgorithm(new VRex(new VRexHyperparameters(10, 0)));
    StepReport report = checkFirstStep(MLP, MLP_REFERENCE, BATCH, recorder, passes -> ReferencePenalties.vrex(passes, 10), "vrex");
    assertThat(report.penalties().get("vrex.variance"))
        .isCloseTo(ReferencePenalties.riskVariance(passes(MLP_REFERENCE, firstTheta, BATCH)), within(1e-7));
  }

  @Test
  void coralUpdateIsTheGradientOfMeanRiskPlusMomentDistanceOnMlpAndCnn() {
    for (double gamma : new double[] {1, 5}) {
      checkFirstStep(MLP, MLP_REFERENCE, BATCH, new RecordingAlgorithm(new Coral(new CoralHyperparameters(gamma))),
          passes -> ReferencePenalties.coral(passes, gamma), "coral mlp");
      checkFirstStep(CNN, CNN_REFERENCE, IMAGES, new RecordingAlgorithm(new Coral(new CoralHyperparameters(gamma))),
          passes -> ReferencePenalties.coral(passes, gamma), "coral cnn");
    }
  }

  @Test
  void fishrUpdateIsTheGradientOfPooledRiskPlusVarianceDistanceWithAverages() {
    for (boolean cnn : new boolean[] {false, true}) {
      ModelSpec spec = cnn ? CNN : MLP;
      ReferenceModel reference = cnn ? CNN_REFERENCE : MLP_REFERENCE;
      TrainingBatch first = cnn ? IMAGES : BATCH;
      TrainingBatch second = cnn ? Fixtures.batch(64, 2, 23, 4, 6, 5) : Fixtures.batch(4, 3, 24, 6, 5, 4);
      double ema = 0.9;
      double lambda = 100;
      RecordingAlgorithm recorder = new RecordingAlgorithm(new Fishr(new FishrHyperparameters(lambda, 1, ema)));
      Trainer t = trainer(spec, recorder);
      Map<String, double[]> averages = new HashMap<>();
      double[] theta = theta(t);
      double[] expected = FiniteDifferences.gradient(
          p -> ReferencePenalties.fishr(passes(reference, p, first), 0, ema, averages), theta);
      StepReport report = t.step(first);
      assertRelative(recorder.update, expected, TOLERANCE, "fishr before the anneal (pooled ERM)");
      assertThat(report.penalties().get("fishr.weight")).isZero();
      ReferencePenalties.commitFishrAverages(passes(reference, theta, first), ema, averages);

      double[] theta2 = theta(t);
      double[] expected2 = FiniteDifferences.gradient(
          p -> ReferencePenalties.fishr(passes(reference, p, second), lambda, ema, averages), theta2);
      StepReport report2 = t.step(second);
      assertRelative(recorder.update, expected2, TOLERANCE, "fishr with penalty " + spec.describe());
      assertThat(report2.penalties().get("fishr.distance"))
          .isCloseTo(ReferencePenalties.fishrDistance(passes(reference, theta2, second), ema, averages), within(1e-6));
    }
  }

  @Test
  void dannGeneratorUpdatesReverseTheDiscriminatorAndItsOwnUpdatesMoveOnlyTheDiscriminator() {
    double lambda = 0.7;
    DannHyperparameters h = new DannHyperparameters(lambda, 1, 0.01, 0, 0.5, 7, 3, 4);
    RecordingAlgorithm recorder = new RecordingAlgorithm(new Dann(h, new SplittableRandom(5)));
    Trainer t = trainer(MLP, recorder);
    ReferenceModel head = new ReferenceDense(5, 7, 7, 4);

    double[] theta = theta(t);
    StepReport generator = t.step(BATCH);
    double[] phi = headParameters(recorder);
    double[] expected = FiniteDifferences.gradient(
        p -> ReferencePenalties.dannGenerator(passes(MLP_REFERENCE, p, BATCH), lambda, head, phi), theta);
    assertThat(recorder.kind).isEqualTo(UpdateKind.GRADIENT);
    assertRelative(recorder.update, expected, TOLERANCE, "dann generator update");
    assertThat(generator.penalties().get("dann.discriminatorLoss"))
        .isCloseTo(ReferencePenalties.discriminatorLoss(head, phi, passes(MLP_REFERENCE, theta, BATCH)), within(1e-6));
    assertThat(generator.penalties().get("dann.discriminatorStep")).isZero();

    List<NamedTensor> before = t.model().parameters().export(BACKEND);
    double[] theta1 = theta(t);
    StepReport discriminator = t.step(BATCH);
    assertThat(discriminator.penalties().get("dann.discriminatorStep")).isEqualTo(1.0);
    assertThat(recorder.kind).isEqualTo(UpdateKind.PARAMETER_DELTA);
    assertThat(t.model().parameters().export(BACKEND)).as("main model unchanged").isEqualTo(before);
    double[] g = FiniteDifferences.gradient(
        q -> ReferencePenalties.discriminatorLoss(head, q, passes(MLP_REFERENCE, theta1, BATCH)), phi);
    double[] moved = headParameters(recorder);
    double[] step = new double[g.length];
    double[] expectedStep = new double[g.length];
    for (int i = 0; i < g.length; i++) {
      step[i] = moved[i] - phi[i];
      // First Adam step: −lr · g / (|g| + ε) with bias-corrected moments.
      expectedStep[i] = -0.01 * g[i] / (Math.abs(g[i]) + 1e-8);
    }
    assertRelative(step, expectedStep, 1e-3, "discriminator Adam step");
  }

  /** θ before the first step of the last {@link #checkFirstStep}. */
  private double[] firstTheta;

  private StepReport checkFirstStep(
      ModelSpec spec, ReferenceModel reference, TrainingBatch batch, RecordingAlgorithm recorder,
      ToDoubleFunction<List<ReferencePenalties.Pass>> objective, String what) {
    Trainer t = trainer(spec, recorder);
    firstTheta = theta(t);
    double[] expected = FiniteDifferences.gradient(p -> objective.applyAsDouble(passes(reference, p, batch)), firstTheta);
    StepReport report = t.step(batch);
    assertThat(report.applied()).isTrue();
    assertRelative(recorder.update, expected, TOLERANCE, what);
    return report;
  }

  private static List<ReferencePenalties.Pass> passes(ReferenceModel model, double[] theta, TrainingBatch batch) {
    return ReferencePenalties.passes(model, theta, batch.environments());
  }

  private static Trainer trainer(ModelSpec spec, InvariantAlgorithm algorithm) {
    return Trainer.create(BACKEND, spec, new SgdConfig(0.05, 0, 0), algorithm, TrainerConfig.DEFAULTS, new SplittableRandom(3));
  }

  private static double[] theta(Trainer t) {
    return HostTensors.flatten(BACKEND, t.model().parameters());
  }

  private static double[] headParameters(RecordingAlgorithm recorder) {
    return recorder.exportState().tensors().stream()
        .filter(x -> x.name().startsWith("head/"))
        .flatMapToDouble(x -> {
          float[] f = x.data();
          return java.util.stream.IntStream.range(0, f.length).mapToDouble(i -> f[i]);
        })
        .toArray();
  }
}
