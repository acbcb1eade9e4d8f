package io.invstream.topology.balance;

/** Clock arithmetic where {@code Long.MIN_VALUE} means "never" (nothing seen, no cut yet, no stream time). */
final class Clocks {

  static final long NEVER = Long.MIN_VALUE;

  private Clocks() {}

  /** {@code to - from}, saturating instead of overflowing when {@code from} is {@link #NEVER}. */
  static long elapsed(long from, long to) {
    return from == NEVER ? Long.MAX_VALUE : to - from;
  }
}
