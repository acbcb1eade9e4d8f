package io.invstream.topology.bench;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Figures of one benchmark run: medians over the rounds.
 *
 * @param settings what was run
 * @param passThroughRecordsPerSec records/s of a bytes-in, bytes-out topology with the same guarantees
 * @param balancerRecordsPerSec records/s through the balancer
 * @param producerRecordsPerSec records/s while writing the input, for scale
 * @param changelogWritesPerRecord balancer changelog records per input record (first round)
 * @param batches batches the balancer emitted (first round)
 * @param passThroughRounds every round's pass-through figure, in order
 * @param balancerRounds every round's balancer figure, in order
 */
public record BenchmarkResult(BenchmarkSettings settings, double passThroughRecordsPerSec, double balancerRecordsPerSec,
    double producerRecordsPerSec, double changelogWritesPerRecord, long batches, List<Double> passThroughRounds,
    List<Double> balancerRounds) {

  public BenchmarkResult {
    passThroughRounds = List.copyOf(passThroughRounds);
    balancerRounds = List.copyOf(balancerRounds);
  }

  /** Median balancer figure over median pass-through figure. */
  public double ratio() {
    return balancerRecordsPerSec / passThroughRecordsPerSec;
  }

  /**
   * Median of the per-round ratios: each round runs both topologies back to back, so this pairs
   * figures taken under the same background load and is steadier on a shared machine.
   */
  public double pairedRatio() {
    List<Double> ratios = new java.util.ArrayList<>();
    for (int i = 0; i < balancerRounds.size(); i++) {
      ratios.add(balancerRounds.get(i) / passThroughRounds.get(i));
    }
    java.util.Collections.sort(ratios);
    int middle = ratios.size() / 2;
    return ratios.size() % 2 == 1 ? ratios.get(middle) : (ratios.get(middle - 1) + ratios.get(middle)) / 2;
  }

  /** A table for people. */
  public String table() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-14s %12s%n", "topology", "records/s (median)"));
    out.append(String.format(Locale.ROOT, "%-14s %,12.0f   rounds: %s%n", "pass-through", passThroughRecordsPerSec,
        rounded(passThroughRounds)));
    out.append(String.format(Locale.ROOT, "%-14s %,12.0f   rounds: %s%n", "balancer", balancerRecordsPerSec, rounded(balancerRounds)));
    out.append(String.format(Locale.ROOT, "ratio %.2f (goal >= 0.70), paired per round %.2f; %d environments x %,d records, %d features, k=%d, "
        + "median of %d rounds, exactly_once_v2%n", ratio(), pairedRatio(), settings.environments(), settings.recordsPerEnvironment(),
        settings.features(), settings.examplesPerEnvironment(), settings.rounds()));
    out.append(String.format(Locale.ROOT, "balancer: %,d batches, %.4f changelog writes per input record; producer %,.0f records/s%n",
        batches, changelogWritesPerRecord, producerRecordsPerSec));
    return out.toString();
  }

  /** One line of JSON. */
  public String json() {
    return String.format(Locale.ROOT, "{\"balancerRecordsPerSec\":%.1f,\"passThroughRecordsPerSec\":%.1f,\"ratio\":%.4f,\"pairedRatio\":%.4f,"
        + "\"producerRecordsPerSec\":%.1f,\"changelogWritesPerRecord\":%.5f,\"batches\":%d,\"environments\":%d,"
        + "\"recordsPerEnvironment\":%d,\"features\":%d,\"k\":%d,\"rounds\":%d,\"passThroughRounds\":%s,"
        + "\"balancerRounds\":%s}", balancerRecordsPerSec,
        passThroughRecordsPerSec, ratio(), pairedRatio(), producerRecordsPerSec, changelogWritesPerRecord, batches, settings.environments(),
        settings.recordsPerEnvironment(), settings.features(), settings.examplesPerEnvironment(), settings.rounds(),
        rounded(passThroughRounds), rounded(balancerRounds));
  }

  private static String rounded(List<Double> values) {
    return values.stream().map(value -> Long.toString(Math.round(value))).collect(Collectors.joining(",", "[", "]"));
  }
}
