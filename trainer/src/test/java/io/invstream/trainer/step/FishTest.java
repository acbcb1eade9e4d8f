package io.invstream.trainer.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.trainer.algorithm.Fish;
import io.invstream.trainer.algorithm.FishHyperparameters;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.optim.AdamConfig;
import io.invstream.trainer.param.SavedState;
import io.invstream.trainer.reference.FiniteDifferences;
import io.invstream.trainer.reference.ReferenceDense;
import io.invstream.trainer.reference.ReferenceModel;
import io.invstream.trainer.tensor.TensorBackend;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Fish's meta step against a float64 re-enactment of the published procedure (finite-difference
 * environment gradients, Adam in double), over two updates so that the persisting inner Adam
 * state is exercised; and its state across rejected steps and restarts.
 */
class FishTest {

  private static final TensorBackend BACKEND = new Nd4jCpuBackend();
  private static final Mlp SPEC = new Mlp(4, List.of(6), 3);
  private static final ReferenceModel REFERENCE = new ReferenceDense(4, 6, 3);
  private static final AdamConfig ADAM = new AdamConfig(0.01, 0.9, 0.999, 1e-8, 0.001);
  private static final List<TrainingBatch> BATCHES =
      List.of(Fixtures.batch(4, 3, 21, 5, 4, 7), Fixtures.batch(4, 3, 22, 6, 3, 5));

  private static Trainer trainer(double metaLearningRate) {
    return Trainer.create(BACKEND, SPEC, ADAM, new Fish(new FishHyperparameters(metaLearningRate)),
        TrainerConfig.DEFAULTS, new SplittableRandom(3));
  }

  @Test
  void metaStepFollowsSequentialInnerAdamStepsWhoseStatePersists() {
    Trainer t = trainer(0.5);
    double[] theta = GradientChecks.theta(BACKEND, t);
    ReferenceAdam inner = new ReferenceAdam(ADAM, theta.length);
    for (TrainingBatch batch : BATCHES) {
      double[] walked = theta.clone();
      for (EnvironmentBatch env : batch.environments()) {
        double[] g = FiniteDifferences.gradient(
            p -> ReferenceLosses.loss(REFERENCE, p, env), walked);
        inner.step(walked, g);
      }
      double[] expected = new double[theta.length];
      for (int j = 0; j < theta.length; j++) {
        expected[j] = theta[j] + 0.5 * (walked[j] - theta[j]);
      }
      StepReport report = t.step(batch);
      assertThat(report.applied()).isTrue();
      assertThat(report.penalties()).containsKey("fish.innerLoss");
      double[] actual = GradientChecks.theta(BACKEND, t);
      // Adam moves each entry by about lr = 0.01 per inner step; float32 Adam agrees to ~1e-6.
      GradientChecks.assertClose(actual, expected, "θ after update " + report.updates(), 2e-5, 1e-4);
      theta = actual;
    }
    SavedState state = t.algorithm().exportState();
    assertThat(state.kind()).isEqualTo("fish");
    assertThat(state.values()).containsEntry("inner.kind", "adam").containsEntry("inner.steps", "6");
  }

  @Test
  void aRejectedStepLeavesTheInnerOptimiserAsItWas() {
    Trainer t = trainer(0.5);
    t.step(BATCHES.get(0));
    TrainerState before = t.exportState();
    EnvironmentBatch good = BATCHES.get(1).environments().get(0);
    float[] x = good.features();
    x[0] = Float.NaN;
    StepReport rejected = t.step(new TrainingBatch(List.of(
        new EnvironmentBatch("poisoned", good.rows(), good.cols(), x, good.labels(), null, null),
        BATCHES.get(1).environments().get(1))));
    assertThat(rejected.nonFinite()).isTrue();
    assertSameState(t.exportState().algorithm(), before.algorithm());

    Trainer fresh = trainer(0.5);
    fresh.importState(before);
    t.step(BATCHES.get(1));
    fresh.step(BATCHES.get(1));
    assertThat(GradientChecks.theta(BACKEND, t)).containsExactly(GradientChecks.theta(BACKEND, fresh));
  }

  @Test
  void restoringStateContinuesBitIdentically() {
    Trainer a = trainer(0.3);
    assertThat(a.algorithm().exportState()).isEqualTo(SavedState.empty("fish"));
    a.step(BATCHES.get(0));
    TrainerState checkpoint = a.exportState();
    a.step(BATCHES.get(1));

    Trainer b = trainer(0.3);
    b.importState(checkpoint);
    assertSameState(b.algorithm().exportState(), checkpoint.algorithm());
    b.step(BATCHES.get(1));
    assertThat(GradientChecks.theta(BACKEND, b)).containsExactly(GradientChecks.theta(BACKEND, a));
    assertSameState(b.algorithm().exportState(), a.algorithm().exportState());
  }

  private static void assertSameState(SavedState actual, SavedState expected) {
    assertThat(actual.kind()).isEqualTo(expected.kind());
    assertThat(actual.values()).isEqualTo(expected.values());
    assertThat(actual.tensors()).containsExactlyInAnyOrderElementsOf(expected.tensors());
  }
}
