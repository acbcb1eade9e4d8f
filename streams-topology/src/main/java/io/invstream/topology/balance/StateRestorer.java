package io.invstream.topology.balance;

import io.invstream.schemas.Example;
import io.invstream.topology.BalancerConfig;
import io.invstream.topology.state.BucketHeader;
import io.invstream.topology.state.BucketKey;
import io.invstream.topology.state.BufferedExample;
import io.invstream.topology.state.StoreKeys;
import io.invstream.topology.state.TaskMeta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Rebuilds a task's buffers from its state store when the task starts: after a restart, a crash or a
 * rebalance the store holds exactly what the last committed transaction left, so the buffers do too.
 */
final class StateRestorer {

  private StateRestorer() {}

  /** What a task starts from. */
  record Restored(TaskMeta meta, Map<String, EnvironmentBuffer> environments) {}

  static Restored restore(KeyValueStore<Bytes, byte[]> store, BalancerConfig config, Function<byte[], Example> decoder) {
    TaskMeta meta = TaskMeta.initial();
    Map<BucketKey, BucketHeader> headers = new HashMap<>();
    Map<BucketKey, List<BufferedExample>> slots = new HashMap<>();
    try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<Bytes, byte[]> entry = all.next();
        byte kind = StoreKeys.kind(entry.key);
        if (kind == 'M') {
          meta = TaskMeta.decode(entry.value);
        } else if (kind == 'H') {
          headers.put(StoreKeys.bucketOf(entry.key), BucketHeader.decode(entry.value));
        } else if (kind == 'S') {
          slots.computeIfAbsent(StoreKeys.bucketOf(entry.key), key -> new ArrayList<>())
              .add(BufferedExample.decode(entry.value, decoder));
        }
      }
    }
    long streamTime = meta.streamTime();
    for (List<BufferedExample> held : slots.values()) {
      for (BufferedExample slot : held) {
        streamTime = Math.max(streamTime, slot.eventTime());
      }
    }
    TaskMeta restoredMeta = new TaskMeta(meta.nextBatchSequence(), streamTime, meta.lastCut(), meta.featureCount());
    return new Restored(restoredMeta, environments(config, headers, slots));
  }

  private static Map<String, EnvironmentBuffer> environments(BalancerConfig config, Map<BucketKey, BucketHeader> headers,
      Map<BucketKey, List<BufferedExample>> slots) {
    int buckets = config.bucketsPerEnvironment();
    Map<String, Bucket[]> grouped = new TreeMap<>();
    headers.forEach((key, header) -> {
      if (key.bucket() >= buckets) {
        throw new IllegalStateException("The balancer's state has bucket " + key.bucket() + " for environment "
            + key.environment() + " but the configuration has " + buckets + " bucket(s) per environment: class balance "
            + "settings changed. Use a new application id, or reset this one with kafka-streams-application-reset.");
      }
      grouped.computeIfAbsent(key.environment(), name -> new Bucket[buckets])[key.bucket()] =
          Bucket.restore(key, header, slots.getOrDefault(key, List.of()));
    });
    Map<String, EnvironmentBuffer> environments = new TreeMap<>();
    grouped.forEach((name, restored) -> {
      for (int i = 0; i < restored.length; i++) {
        if (restored[i] == null) {
          throw new IllegalStateException("The balancer's state lacks bucket " + i + " of environment " + name
              + ": class balance settings changed since it was written. Use a new application id, or reset this one "
              + "with kafka-streams-application-reset.");
        }
      }
      environments.put(name, new EnvironmentBuffer(name, restored));
    });
    return environments;
  }
}
