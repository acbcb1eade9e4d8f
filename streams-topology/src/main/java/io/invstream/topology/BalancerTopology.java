package io.invstream.topology;

import io.invstream.core.topic.Topics;
import io.invstream.topology.balance.BalancerProcessor;
import io.invstream.topology.metrics.BalancerMetrics;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The balancer's topology: every topic matching {@code <prefix>.env.*} (read as raw bytes from the
 * earliest offset, so a newly discovered environment loses nothing) feeds one processor per task,
 * which writes {@code <prefix>.batches} and {@code <prefix>.dead-letters}.
 *
 * <p>Kafka Streams groups all topics of one pattern source into one sub-topology, and its task p
 * reads partition p of each: every task balances its own co-partitioned slice of the environments.
 */
public final class BalancerTopology {

  /** The state store (and, suffixed {@code -changelog}, its changelog topic). */
  public static final String STORE = "balancer-state";
  static final String SOURCE = "environments";
  static final String PROCESSOR = "balancer";

  private BalancerTopology() {}

  /** The topology for {@code config}, recording no metrics (its meters are bound to no registry). */
  public static Topology build(BalancerConfig config) {
    return build(config, new BalancerMetrics(Clock.systemUTC()));
  }

  /** The topology for {@code config}, recording into {@code metrics}. */
  public static Topology build(BalancerConfig config, BalancerMetrics metrics) {
    Topics topics = config.topics();
    Topology topology = new Topology();
    topology.addSource(AutoOffsetReset.earliest(), SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
        topics.environmentPattern());
    topology.addProcessor(PROCESSOR, () -> new BalancerProcessor(config, STORE, metrics), SOURCE);
    topology.addStateStore(store(), PROCESSOR);
    topology.addSink(BalancerProcessor.BATCHES, topics.batches().name(), topics.batches().keySerde().serializer(),
        topics.batches().valueSerde().serializer(), PROCESSOR);
    topology.addSink(BalancerProcessor.DEAD_LETTERS, topics.deadLetters().name(), topics.deadLetters().keySerde().serializer(),
        topics.deadLetters().valueSerde().serializer(), PROCESSOR);
    return topology;
  }

  /**
   * In memory, because the state is bounded (slots and reservoirs per bucket) and an in-memory store
   * is measurably faster; changelogged, so it survives any failure; cached, so a slot overwritten
   * several times between two commits reaches the changelog once.
   */
  private static StoreBuilder<KeyValueStore<Bytes, byte[]>> store() {
    return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.Bytes(), Serdes.ByteArray())
        .withCachingEnabled()
        .withLoggingEnabled(Map.of());
  }
}
