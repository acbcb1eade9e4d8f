package io.invstream.trainer.bench;

import io.invstream.trainer.step.EnvironmentBatch;
import io.invstream.trainer.step.TrainingBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random batches for timing: pixel-like features in [0, 1), uniform labels and a random
 * annotation mask (used by RRR only). A small
 * rotating pool, so the model never settles on one batch (tiny gradients would time differently).
 */
final class SyntheticBatches {

  /** Each feature is annotated (RRR's mask) with probability 1/8. */
  private static final int MASK_ONE_IN = 8;

  private final List<TrainingBatch> pool = new ArrayList<>();
  private int next;

  SyntheticBatches(int inputs, int classes, int environments, int examples, int poolSize, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int b = 0; b < poolSize; b++) {
      List<EnvironmentBatch> envs = new ArrayList<>();
      for (int e = 0; e < environments; e++) {
        float[] x = new float[examples * inputs];
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) random.nextDouble();
        }
        int[] y = new int[examples];
        for (int i = 0; i < examples; i++) {
          y[i] = random.nextInt(classes);
        }
        float[] mask = new float[examples * inputs];
        for (int i = 0; i < mask.length; i++) {
          mask[i] = random.nextInt(MASK_ONE_IN) == 0 ? 1f : 0f;
        }
        envs.add(new EnvironmentBatch("env" + e, examples, inputs, x, y, mask, null));
      }
      pool.add(new TrainingBatch(envs));
    }
  }

  TrainingBatch next() {
    TrainingBatch b = pool.get(next);
    next = (next + 1) % pool.size();
    return b;
  }
}
