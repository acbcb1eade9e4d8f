package io.invstream.topology.reservoir;

/**
 * Which reservoir entries fill a short share: distinct entries while the reservoir has enough
 * (a partial Fisher-Yates shuffle), cycling through a shuffled reservoir when it has fewer entries
 * than the share needs.
 */
public final class ReplayDraw {

  private final long seed;

  public ReplayDraw(long seed) {
    this.seed = seed;
  }

  /** {@code count} indices in [0, filled), seeded by the bucket and the batch so reprocessing draws the same. */
  public int[] draw(long bucketFingerprint, long batchSequence, int filled, int count) {
    if (filled <= 0) {
      throw new IllegalArgumentException("Cannot replay from an empty reservoir");
    }
    int[] order = new int[filled];
    for (int i = 0; i < filled; i++) {
      order[i] = i;
    }
    long state = SplitMix.mix(seed, bucketFingerprint, batchSequence);
    int shuffled = Math.min(count, filled);
    for (int i = 0; i < shuffled; i++) {
      state = SplitMix.mix(state + i);
      int j = i + SplitMix.below(state, filled - i);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    int[] picks = new int[count];
    for (int i = 0; i < count; i++) {
      picks[i] = order[i % shuffled];
    }
    return picks;
  }
}
