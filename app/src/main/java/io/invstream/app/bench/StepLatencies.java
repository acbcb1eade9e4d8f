package io.invstream.app.bench;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The latency of an example: when the first model version whose provenance reaches the example's
 * offset became servable (swapped in by a subscriber), minus the example's production time.
 */
final class StepLatencies {

  private StepLatencies() {}

  /** Latencies of the examples produced during {@code window}. */
  static LatencySummary of(ProductionLog produced, VersionLog versions, StepWindow window) {
    long count = 0;
    for (long[] times : produced.timestamps().values()) {
      for (long time : times) {
        if (inside(window, time)) {
          count++;
        }
      }
    }
    long[] latencies = new long[Math.toIntExact(count)];
    int covered = 0;
    long uncovered = 0;
    for (Map.Entry<TopicPartition, long[]> partition : produced.timestamps().entrySet()) {
      long[] times = partition.getValue();
      for (int offset = 0; offset < times.length; offset++) {
        if (!inside(window, times[offset])) {
          continue;
        }
        long served = versions.firstServedCovering(partition.getKey(), offset);
        if (served < 0) {
          uncovered++;
        } else {
          latencies[covered++] = Math.max(0, served - times[offset]);
        }
      }
    }
    return LatencySummary.of(java.util.Arrays.copyOf(latencies, covered), uncovered);
  }

  private static boolean inside(StepWindow window, long time) {
    return time >= window.startMillis() && time < window.endMillis();
  }
}
