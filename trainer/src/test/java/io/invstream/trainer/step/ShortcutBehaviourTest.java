package io.invstream.trainer.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.trainer.algorithm.AndMask;
import io.invstream.trainer.algorithm.AndMaskHyperparameters;
import io.invstream.trainer.algorithm.Erm;
import io.invstream.trainer.algorithm.InvariantAlgorithm;
import io.invstream.trainer.model.LogisticRegression;
import io.invstream.trainer.optim.AdamConfig;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The behaviour AND-mask exists for, in miniature: feature 0 predicts the label weakly and
 * identically in every environment; features 1–4 predict it strongly but each environment flips
 * the sign of a different one, so one linear rule still fits them all. ERM learns that shortcut;
 * AND-mask (τ = 1) sees the environments disagree on every shortcut weight's gradient and leaves
 * those weights where they started, while learning the invariant feature.
 */
class ShortcutBehaviourTest {

  private static final float[][] SHORTCUTS = {
    {-0.5f, 1, 1, 1}, {1, -0.5f, 1, 1}, {1, 1, -0.5f, 1}, {1, 1, 1, -0.5f}};

  @Test
  void andMaskIgnoresEnvironmentSpecificShortcutsThatErmLearns() {
    double[] erm = shortcutAndInvariantMovement(new Erm());
    double[] andMask = shortcutAndInvariantMovement(new AndMask(AndMaskHyperparameters.DEFAULTS));
    assertThat(erm[0]).as("ERM moves shortcut weights").isGreaterThan(1.0);
    assertThat(andMask[0]).as("AND-mask shortcut movement").isLessThan(0.05 * erm[0]);
    assertThat(andMask[1]).as("AND-mask learns the invariant feature").isGreaterThan(0.5);
  }

  /** {shortcut weight movement, invariant weight movement} of the class-1-minus-class-0 direction. */
  private static double[] shortcutAndInvariantMovement(InvariantAlgorithm algorithm) {
    var backend = new Nd4jCpuBackend();
    Trainer t = Trainer.create(backend, new LogisticRegression(5, 2), AdamConfig.of(0.05, 0),
        algorithm, TrainerConfig.DEFAULTS, new SplittableRandom(4));
    float[] before = direction(t);
    SplittableRandom random = new SplittableRandom(5);
    for (int step = 0; step < 300; step++) {
      List<EnvironmentBatch> envs = new ArrayList<>();
      for (int e = 0; e < SHORTCUTS.length; e++) {
        envs.add(environment("env" + e, SHORTCUTS[e], random));
      }
      t.step(new TrainingBatch(envs));
    }
    float[] after = direction(t);
    double shortcut = 0;
    for (int j = 1; j < 5; j++) {
      shortcut += Math.pow(after[j] - before[j], 2);
    }
    return new double[] {Math.sqrt(shortcut), after[0] - before[0]};
  }

  private static EnvironmentBatch environment(String name, float[] shortcut, SplittableRandom random) {
    int rows = 64;
    float[] x = new float[rows * 5];
    int[] y = new int[rows];
    for (int r = 0; r < rows; r++) {
      y[r] = random.nextInt(2);
      float sign = 2 * y[r] - 1;
      x[r * 5] = (float) (0.5 * sign + random.nextGaussian());
      for (int j = 0; j < 4; j++) {
        x[r * 5 + 1 + j] = (float) (sign * shortcut[j] + 0.1 * random.nextGaussian());
      }
    }
    return EnvironmentBatch.of(name, rows, 5, x, y);
  }

  /** Row 1 minus row 0 of the weight: what the 2-class softmax actually uses. */
  private static float[] direction(Trainer t) {
    float[] w = t.model().parameters().export(t.backend()).get(0).data();
    float[] d = new float[5];
    for (int j = 0; j < 5; j++) {
      d[j] = w[5 + j] - w[j];
    }
    return d;
  }
}
