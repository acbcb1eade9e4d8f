package io.invstream.topology.state;

/**
 * One buffer of one environment: the whole environment, or one class of it when class balance is on.
 *
 * @param environment environment name
 * @param bucket class index with class balance, else 0
 */
public record BucketKey(String environment, int bucket) implements Comparable<BucketKey> {

  @Override
  public int compareTo(BucketKey other) {
    int byEnvironment = environment.compareTo(other.environment);
    return byEnvironment != 0 ? byEnvironment : Integer.compare(bucket, other.bucket);
  }

  /** A stable 64-bit identity for seeding this bucket's random choices. */
  public long fingerprint() {
    long hash = 1125899906842597L;
    for (int i = 0; i < environment.length(); i++) {
      hash = 31 * hash + environment.charAt(i);
    }
    return 31 * hash + bucket;
  }
}
