package io.invstream.topology.bench;

import java.time.Duration;

/**
 * The shape of one benchmark run.
 *
 * @param environments environment topics fed
 * @param recordsPerEnvironment examples produced to each
 * @param features floats per example
 * @param examplesPerEnvironment the balancer's k
 * @param rounds how many times each topology runs; the median is reported
 * @param timeout longest one topology may take to consume the input
 */
public record BenchmarkSettings(int environments, int recordsPerEnvironment, int features, int examplesPerEnvironment,
    int rounds, Duration timeout) {

  public BenchmarkSettings {
    if (environments < 1 || recordsPerEnvironment < 1 || features < 1 || examplesPerEnvironment < 1 || rounds < 1) {
      throw new IllegalArgumentException("environments, records per environment, features, k and rounds must all be >= 1");
    }
  }

  public static BenchmarkSettings defaults() {
    return new BenchmarkSettings(4, 200_000, 64, 32, 3, Duration.ofMinutes(5));
  }

  public long totalRecords() {
    return (long) environments * recordsPerEnvironment;
  }
}
