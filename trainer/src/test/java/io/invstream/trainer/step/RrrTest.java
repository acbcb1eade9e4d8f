package io.invstream.trainer.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.invstream.trainer.algorithm.Erm;
import io.invstream.trainer.algorithm.Rrr;
import io.invstream.trainer.algorithm.RrrHyperparameters;
import io.invstream.trainer.model.Cnn;
import io.invstream.trainer.model.LogisticRegression;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.model.ModelSpec;
import io.invstream.trainer.optim.SgdConfig;
import io.invstream.trainer.reference.FiniteDifferences;
import io.invstream.trainer.reference.ReferenceCnn;
import io.invstream.trainer.reference.ReferenceDense;
import io.invstream.trainer.reference.ReferenceModel;
import io.invstream.trainer.tensor.TensorBackend;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RRR through the whole pipeline on all three models: each environment's gradient of {@code J_e =
 * L_e + λ P_e} against central differences of the float64 objective, whose input gradients come
 * from an independent forward-mode reference; the reported penalty; and the no-annotation case.
 */
class RrrTest {

  private static final TensorBackend BACKEND = new Nd4jCpuBackend();
  private static final double LAMBDA = 0.7;

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of(new LogisticRegression(5, 3), new ReferenceDense(5, 3)),
        Arguments.of(new Mlp(5, List.of(6, 4), 3), new ReferenceDense(5, 6, 4, 3)),
        Arguments.of(new Cnn(1, 8, 4, 2, 2, 3), new ReferenceCnn(1, 8, 4, 2, 2, 3)));
  }

  /** Three environments: annotated, annotated with example weights, not annotated. */
  static TrainingBatch annotatedBatch(int cols, int classes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<EnvironmentBatch> envs = new ArrayList<>();
    int[] rows = {5, 4, 3};
    for (int e = 0; e < 3; e++) {
      EnvironmentBatch plain = Fixtures.environment("env" + e, rows[e], cols, classes, random, e == 1);
      float[] mask = null;
      if (e < 2) {
        mask = new float[rows[e] * cols];
        for (int i = 0; i < mask.length; i++) {
          double u = random.nextDouble();
          mask[i] = u < 0.4 ? 0f : u < 0.7 ? 1f : 0.5f;
        }
      }
      envs.add(new EnvironmentBatch(plain.environment(), plain.rows(), cols, plain.features(), plain.labels(), mask,
          plain.weights()));
    }
    return new TrainingBatch(envs);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void environmentGradientsMatchFiniteDifferencesOfTheObjective(ModelSpec spec, ReferenceModel reference) {
    TrainingBatch batch = annotatedBatch(spec.inputs(), spec.classes(), 31);
    RecordingAlgorithm recorder = new RecordingAlgorithm(new Rrr(new RrrHyperparameters(LAMBDA)));
    Trainer t = Trainer.create(BACKEND, spec, new SgdConfig(0.1, 0, 0), recorder, TrainerConfig.DEFAULTS,
        new SplittableRandom(4));
    double[] theta = GradientChecks.theta(BACKEND, t);
    StepReport report = t.step(batch);

    double pooledPenalty = 0;
    double weight = 0;
    for (int e = 0; e < 3; e++) {
      EnvironmentBatch b = batch.environments().get(e);
      double[] expected = FiniteDifferences.gradient(p -> ReferenceExplanations.objective(reference, p, b, LAMBDA), theta);
      double scale = GradientChecks.maxAbs(expected);
      // Float32 second-order path against float64 truth: 1e-4 of the tensor's largest entry.
      GradientChecks.assertClose(recorder.environmentGradients.get(e), expected, spec.describe() + " env " + e,
          1e-4 * scale, 1e-3);
      if (b.mask() != null) {
        pooledPenalty += ReferenceLosses.weightSum(b) * ReferenceExplanations.penalty(reference, theta, b, b.mask());
      }
      weight += ReferenceLosses.weightSum(b);
    }
    assertThat(pooledPenalty).isPositive();
    assertThat(report.penalties().get("rrr.penalty")).isCloseTo(pooledPenalty / weight, within(1e-5 * pooledPenalty / weight));
  }

  @Test
  void thePenaltyChangesTheGradientOnlyOfAnnotatedEnvironments() {
    ModelSpec spec = new Mlp(5, List.of(6), 3);
    TrainingBatch batch = annotatedBatch(5, 3, 32);
    RecordingAlgorithm rrr = new RecordingAlgorithm(new Rrr(new RrrHyperparameters(LAMBDA)));
    RecordingAlgorithm erm = new RecordingAlgorithm(new Erm());
    for (RecordingAlgorithm r : List.of(rrr, erm)) {
      Trainer.create(BACKEND, spec, new SgdConfig(0.1, 0, 0), r, TrainerConfig.DEFAULTS, new SplittableRandom(4))
          .step(batch);
    }
    assertThat(rrr.environmentGradients.get(2)).containsExactly(erm.environmentGradients.get(2));
    assertThat(rrr.environmentGradients.get(0)).isNotEqualTo(erm.environmentGradients.get(0));
  }

  @Test
  void withoutAnnotationsRrrIsErmBitForBit() {
    ModelSpec spec = new Mlp(4, List.of(6), 3);
    TrainingBatch batch = Fixtures.batch(4, 3, 21, 5, 4, 7);
    RecordingAlgorithm rrr = new RecordingAlgorithm(new Rrr(RrrHyperparameters.DEFAULTS));
    RecordingAlgorithm erm = new RecordingAlgorithm(new Erm());
    StepReport report = null;
    for (RecordingAlgorithm r : List.of(rrr, erm)) {
      StepReport s = Trainer.create(BACKEND, spec, new SgdConfig(0.1, 0, 0), r, TrainerConfig.DEFAULTS,
          new SplittableRandom(4)).step(batch);
      report = report == null ? s : report;
    }
    assertThat(rrr.update).containsExactly(erm.update);
    assertThat(report.penalties()).containsEntry("rrr.penalty", 0.0);
  }

  @Test
  void negativeLambdaIsRejected() {
    assertThatThrownBy(() -> new RrrHyperparameters(-1)).hasMessageContaining("non-negative");
  }
}
