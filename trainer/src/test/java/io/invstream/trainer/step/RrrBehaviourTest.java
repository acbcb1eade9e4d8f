package io.invstream.trainer.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.trainer.algorithm.Erm;
import io.invstream.trainer.algorithm.InvariantAlgorithm;
import io.invstream.trainer.algorithm.Rrr;
import io.invstream.trainer.algorithm.RrrHyperparameters;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.optim.SgdConfig;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Decoy MNIST in miniature: in training a strong "decoy" feature group determines the label, at
 * test time it is noise. With the decoy annotated, RRR learns the weaker real signal and keeps
 * its accuracy; ERM leans on the decoy and loses it.
 */
class RrrBehaviourTest {

  private static final int INPUTS = 6;
  private static final int[] DECOY = {0, 1};

  /** The two-group task of {@link RrrEnsembleTest}; at test time the decoy's sign is random. */
  private static EnvironmentBatch batch(String name, int rows, SplittableRandom random, boolean test) {
    EnvironmentBatch b = RrrEnsembleTest.redundantGroups(name, rows, random);
    float[] x = b.features();
    float[] mask = new float[x.length];
    for (int r = 0; r < rows; r++) {
      float flip = test && random.nextBoolean() ? -1f : 1f;
      for (int d : DECOY) {
        x[r * INPUTS + d] *= flip;
        mask[r * INPUTS + d] = 1f;
      }
    }
    return new EnvironmentBatch(name, rows, INPUTS, x, b.labels(), test ? null : mask, null);
  }

  private static double testAccuracy(InvariantAlgorithm algorithm) {
    SplittableRandom random = new SplittableRandom(21);
    Trainer t = Trainer.create(new Nd4jCpuBackend(), new Mlp(INPUTS, List.of(8), 2), new SgdConfig(0.02, 0.9, 0),
        algorithm, TrainerConfig.DEFAULTS, random.split());
    SplittableRandom data = new SplittableRandom(22);
    for (int i = 0; i < 300; i++) {
      assertThat(t.step(new TrainingBatch(List.of(batch("a", 32, data, false), batch("b", 32, data, false))))
          .applied()).isTrue();
    }
    return t.evaluate(batch("test", 500, new SplittableRandom(23), true)).accuracy();
  }

  @Test
  void annotatingTheDecoyKeepsTestAccuracyWhereErmLosesIt() {
    double rrr = testAccuracy(new Rrr(new RrrHyperparameters(10)));
    double erm = testAccuracy(new Erm());
    assertThat(rrr).as("RRR test accuracy").isGreaterThan(0.95);
    assertThat(erm).as("ERM test accuracy").isLessThan(0.8);
  }
}
