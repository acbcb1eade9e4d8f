package io.invstream.topology.balance;

import io.invstream.topology.state.BucketHeader;
import io.invstream.topology.state.BucketKey;
import io.invstream.topology.state.BufferedExample;
import io.invstream.topology.state.StoreKeys;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;

/**
 * The examples one bucket holds, oldest first, mirroring a ring of store slots: the example with
 * sequence s lives in slot s mod capacity, so a slot is overwritten in place once a batch has
 * consumed it and consuming needs no delete. Only the head sequence moves when a batch consumes.
 */
final class Bucket {

  private final BucketKey key;
  private final ArrayDeque<BufferedExample> queue = new ArrayDeque<>();
  private int capacity;
  private Bytes[] slotKeys;
  private long headSequence;
  private long nextSequence;
  private long lastSeen = Long.MIN_VALUE;

  Bucket(BucketKey key, int capacity) {
    this.key = key;
    this.capacity = capacity;
  }

  /**
   * Rebuilds a bucket from its stored header and slots (which may include stale slots and, after a
   * capacity change, two copies of one sequence). Examples before the head were consumed.
   */
  static Bucket restore(BucketKey key, BucketHeader header, Collection<BufferedExample> slots) {
    Bucket bucket = new Bucket(key, header.capacity());
    bucket.headSequence = header.headSequence();
    bucket.nextSequence = header.headSequence();
    Map<Long, BufferedExample> bySequence = new TreeMap<>();
    for (BufferedExample slot : slots) {
      bySequence.put(slot.sequence(), slot);
      if (slot.sequence() >= bucket.nextSequence) {
        bucket.nextSequence = slot.sequence() + 1;
      }
    }
    slots.stream().max(Comparator.comparingLong(BufferedExample::sequence)).ifPresent(newest -> bucket.lastSeen = newest.arrivedAt());
    bySequence.values().stream().filter(slot -> slot.sequence() >= header.headSequence()).forEach(bucket.queue::addLast);
    return bucket;
  }

  BucketKey key() {
    return key;
  }

  int size() {
    return queue.size();
  }

  int capacity() {
    return capacity;
  }

  boolean isFull() {
    return queue.size() >= capacity;
  }

  /** Accepted examples so far, shed and consumed ones included: reservoir sampling's n. */
  long seen() {
    return nextSequence;
  }

  long nextSequence() {
    return nextSequence;
  }

  long lastSeen() {
    return lastSeen;
  }

  /** Arrival of the oldest example held, or Long.MAX_VALUE when empty. */
  long oldestArrival() {
    return queue.isEmpty() ? Long.MAX_VALUE : queue.peekFirst().arrivedAt();
  }

  int slotOf(long sequence) {
    return (int) (sequence % capacity);
  }

  /** The store key of the slot holding {@code sequence}; built once per slot, as every record needs one. */
  Bytes slotKey(long sequence) {
    if (slotKeys == null || slotKeys.length != capacity) {
      slotKeys = new Bytes[capacity];
    }
    int slot = slotOf(sequence);
    if (slotKeys[slot] == null) {
      slotKeys[slot] = StoreKeys.slot(key, slot);
    }
    return slotKeys[slot];
  }

  /** Appends an example whose sequence is {@link #nextSequence()}. */
  void add(BufferedExample example) {
    if (example.sequence() != nextSequence) {
      throw new IllegalStateException("Bucket " + key + " expected sequence " + nextSequence + ", got " + example.sequence());
    }
    queue.addLast(example);
    nextSequence++;
    lastSeen = Math.max(lastSeen, example.arrivedAt());
  }

  /** Removes and returns the {@code count} oldest examples. */
  List<BufferedExample> take(int count) {
    List<BufferedExample> taken = new ArrayList<>(count);
    for (int i = 0; i < count && !queue.isEmpty(); i++) {
      taken.add(queue.pollFirst());
    }
    headSequence += taken.size();
    return taken;
  }

  /** The header to store after the head moved. */
  BucketHeader header() {
    return new BucketHeader(headSequence, capacity);
  }

  /**
   * Adopts a new capacity (after a configuration change), never smaller than what is held; returns
   * true when the held examples must be written again at their new slots.
   */
  boolean resize(int wanted) {
    int adopted = Math.max(wanted, queue.size());
    if (adopted == capacity) {
      return false;
    }
    capacity = adopted;
    return true;
  }

  /** The held examples, oldest first. */
  List<BufferedExample> held() {
    return List.copyOf(queue);
  }
}
