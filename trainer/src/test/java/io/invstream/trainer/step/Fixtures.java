package io.invstream.trainer.step;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random batches for tests. */
final class Fixtures {

  private Fixtures() {}

  static EnvironmentBatch environment(String name, int rows, int cols, int classes, SplittableRandom random, boolean weighted) {
    float[] x = new float[rows * cols];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    int[] y = new int[rows];
    for (int i = 0; i < rows; i++) {
      y[i] = random.nextInt(classes);
    }
    float[] w = null;
    if (weighted) {
      w = new float[rows];
      for (int i = 0; i < rows; i++) {
        w[i] = (float) (0.25 + random.nextDouble());
      }
    }
    return new EnvironmentBatch(name, rows, cols, x, y, null, w);
  }

  /** Environments of the given sizes; the second one (if any) carries example weights. */
  static TrainingBatch batch(int cols, int classes, long seed, int... rows) {
    SplittableRandom random = new SplittableRandom(seed);
    List<EnvironmentBatch> envs = new ArrayList<>();
    for (int e = 0; e < rows.length; e++) {
      envs.add(environment("env" + e, rows[e], cols, classes, random, e == 1));
    }
    return new TrainingBatch(envs);
  }
}
