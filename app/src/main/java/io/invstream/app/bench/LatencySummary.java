package io.invstream.app.bench;

import java.util.Arrays;

/**
 * Percentiles of example-to-model latencies. Examples no model covered by the end of the run count
 * as infinitely late, so a percentile that falls among them is reported as infinite, not dropped.
 *
 * @param examples examples produced in the window
 * @param uncovered of those, examples no served model had trained past by the end of the run
 * @param p50Millis median latency
 * @param p99Millis 99th percentile
 * @param maxMillis largest latency
 */
record LatencySummary(long examples, long uncovered, double p50Millis, double p99Millis, double maxMillis) {

  /** @param covered latencies of the covered examples, in milliseconds (sorted here) */
  static LatencySummary of(long[] covered, long uncovered) {
    Arrays.sort(covered);
    long total = covered.length + uncovered;
    return new LatencySummary(total, uncovered, percentile(covered, total, 0.50), percentile(covered, total, 0.99),
        uncovered > 0 ? Double.POSITIVE_INFINITY : covered.length == 0 ? Double.NaN : covered[covered.length - 1]);
  }

  private static double percentile(long[] sorted, long total, double p) {
    if (total == 0) {
      return Double.NaN;
    }
    long rank = Math.max(0, (long) Math.ceil(p * total) - 1);
    return rank < sorted.length ? sorted[(int) rank] : Double.POSITIVE_INFINITY;
  }
}
