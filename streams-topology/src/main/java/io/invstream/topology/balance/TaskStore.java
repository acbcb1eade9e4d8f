package io.invstream.topology.balance;

import io.invstream.schemas.Example;
import io.invstream.topology.BalancerConfig;
import io.invstream.topology.reservoir.ReservoirSampling;
import io.invstream.topology.state.BucketKey;
import io.invstream.topology.state.BufferedExample;
import io.invstream.topology.state.StoreKeys;
import io.invstream.topology.state.TaskMeta;
import java.util.function.Function;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's state store as the balancer lays it out (see {@link StoreKeys}): every accepted example is
 * written once, to the ring slot its sequence maps to, and sampled into the bucket's reservoir;
 * consuming moves a bucket's head, so it writes one header, never one delete per example.
 */
final class TaskStore {

  private final KeyValueStore<Bytes, byte[]> store;
  private final BalancerConfig config;
  private final ReservoirSampling reservoir;
  private final Function<byte[], Example> decoder;

  /** {@code decoder} turns bytes this task accepted earlier back into examples. */
  TaskStore(KeyValueStore<Bytes, byte[]> store, BalancerConfig config, ReservoirSampling reservoir,
      Function<byte[], Example> decoder) {
    this.store = store;
    this.config = config;
    this.reservoir = reservoir;
    this.decoder = decoder;
  }

  /** What the last commit left: the task's metadata and its buffers. */
  StateRestorer.Restored restore() {
    return StateRestorer.restore(store, config, decoder);
  }

  /** Writes {@code held} to its slot, samples it into the reservoir, and appends it to {@code bucket}. */
  void hold(Bucket bucket, BufferedExample held) {
    store.put(bucket.slotKey(held.sequence()), held.encode());
    int reservoirIndex = reservoir.indexFor(bucket.key().fingerprint(), held.sequence());
    if (reservoirIndex >= 0) {
      store.put(StoreKeys.reservoir(bucket.key(), reservoirIndex), held.raw());
    }
    bucket.add(held);
  }

  /** Records that {@code bucket}'s head moved (a batch or a shed consumed from it). */
  void headMoved(Bucket bucket) {
    store.put(StoreKeys.header(bucket.key()), bucket.header().encode());
  }

  /** The example at {@code index} of a bucket's reservoir. */
  Example reservoirEntry(BucketKey bucket, int index) {
    return decoder.apply(store.get(StoreKeys.reservoir(bucket, index)));
  }

  void writeMeta(TaskMeta meta) {
    store.put(StoreKeys.meta(), meta.encode());
  }

  /** A new environment's empty buckets; their headers record the slot layout before the first slot is written. */
  EnvironmentBuffer newEnvironment(String name) {
    Bucket[] buckets = new Bucket[config.bucketsPerEnvironment()];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new Bucket(new BucketKey(name, i), config.bucketCapacity(name, i));
      headMoved(buckets[i]);
    }
    return new EnvironmentBuffer(name, buckets);
  }

  /** Re-lays a restored environment's held examples where its configured capacity changed since they were written. */
  void adoptCapacity(EnvironmentBuffer environment) {
    for (Bucket bucket : environment.buckets()) {
      if (bucket.resize(config.bucketCapacity(environment.name(), bucket.key().bucket()))) {
        for (BufferedExample held : bucket.held()) {
          store.put(bucket.slotKey(held.sequence()), held.encode());
        }
        headMoved(bucket);
      }
    }
  }
}
