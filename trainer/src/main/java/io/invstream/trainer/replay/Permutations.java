package io.invstream.trainer.replay;

import java.util.SplittableRandom;

/** Seeded Fisher-Yates shuffles, the one source of order in replay mode. */
final class Permutations {

  private Permutations() {}

  /** {@code 0..n-1} in an order drawn from {@code random}. */
  static int[] shuffled(int n, SplittableRandom random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }
}
