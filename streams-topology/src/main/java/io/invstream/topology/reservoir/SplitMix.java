package io.invstream.topology.reservoir;

/**
 * SplitMix64 finaliser: turns (seed, bucket, counter) into well-mixed bits. Every random choice of
 * the balancer is a pure function of such values, so reprocessing the same input after a crash makes
 * the same choices and the restored state matches what was committed.
 */
final class SplitMix {

  private SplitMix() {}

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  static long mix(long a, long b, long c) {
    return mix(mix(mix(a) + b) + c);
  }

  /** A uniform integer in [0, bound). */
  static int below(long bits, int bound) {
    return (int) Math.floorMod(bits, (long) bound);
  }

  /** A uniform long in [0, bound). */
  static long below(long bits, long bound) {
    return Math.floorMod(bits, bound);
  }
}
