package io.invstream.topology.balance;

import java.util.List;

/**
 * One environment's buckets and whether it is active: an environment joins with its first example,
 * and is retired once it has nothing buffered and sent nothing for the idle timeout, so batches stop
 * waiting for it. It rejoins with its next example.
 */
final class EnvironmentBuffer {

  private final String name;
  private final Bucket[] buckets;
  private boolean active = true;
  private long newestEventTime = Long.MIN_VALUE;

  EnvironmentBuffer(String name, Bucket[] buckets) {
    this.name = name;
    this.buckets = buckets;
  }

  String name() {
    return name;
  }

  Bucket bucket(int index) {
    return buckets[index];
  }

  List<Bucket> buckets() {
    return List.of(buckets);
  }

  boolean active() {
    return active;
  }

  void setActive(boolean value) {
    active = value;
  }

  /** Newest event time accepted, for the lag gauge. */
  long newestEventTime() {
    return newestEventTime;
  }

  void sawEventTime(long eventTime) {
    newestEventTime = Math.max(newestEventTime, eventTime);
  }

  int buffered() {
    int total = 0;
    for (Bucket bucket : buckets) {
      total += bucket.size();
    }
    return total;
  }

  long lastSeen() {
    long last = Long.MIN_VALUE;
    for (Bucket bucket : buckets) {
      last = Math.max(last, bucket.lastSeen());
    }
    return last;
  }

  long oldestArrival() {
    long oldest = Long.MAX_VALUE;
    for (Bucket bucket : buckets) {
      oldest = Math.min(oldest, bucket.oldestArrival());
    }
    return oldest;
  }
}
