package io.invstream.topology.reservoir;

/**
 * Vitter's Algorithm R over a bucket's accepted examples: after n examples each one is in the
 * reservoir with probability size/n, so the reservoir rehearses the whole history of an environment,
 * not just its latest burst. Writes to the reservoir thin out as 1/n, keeping its changelog cheap.
 */
public final class ReservoirSampling {

  private final int size;
  private final long seed;

  /** A reservoir of {@code size} entries; {@code seed} fixes every choice. */
  public ReservoirSampling(int size, long seed) {
    this.size = size;
    this.seed = seed;
  }

  /** Entries in use after {@code seen} examples. */
  public int filled(long seen) {
    return (int) Math.min(seen, size);
  }

  /**
   * The reservoir index the example with sequence {@code sequence} (0-based) replaces, or -1 if it is
   * not kept.
   */
  public int indexFor(long bucketFingerprint, long sequence) {
    if (size == 0) {
      return -1;
    }
    if (sequence < size) {
      return (int) sequence;
    }
    long pick = SplitMix.below(SplitMix.mix(seed, bucketFingerprint, sequence), sequence + 1);
    return pick < size ? (int) pick : -1;
  }
}
