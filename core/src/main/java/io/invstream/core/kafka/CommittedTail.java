package io.invstream.core.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads partitions from their beginning through everything committed when the read starts, for
 * a process that resumes from what its previous run committed (ingest progress, trainer
 * checkpoints). A {@code read_committed} consumer's end offset is the last stable offset, which
 * stops at the first open transaction and, right after a commit, before the commit's markers are
 * written; so this reads until the position reaches the high watermark instead, waiting at most
 * {@link #WAIT} for transactions still open.
 */
public final class CommittedTail {

  /** Longest wait for open transactions: twice Kafka's default transaction timeout. */
  public static final Duration WAIT = Duration.ofSeconds(120);

  private CommittedTail() {}

  /**
   * Assigns {@code partitions} to {@code consumer} (a {@code read_committed} one), reads them from
   * the beginning and hands every record to {@code each}.
   *
   * @throws IllegalStateException when a transaction keeps the read from its end longer than {@link #WAIT}
   */
  public static <K, V> void read(KafkaClientSettings settings, KafkaConsumer<K, V> consumer,
      Collection<TopicPartition> partitions, Consumer<ConsumerRecord<K, V>> each) {
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = highWatermarks(settings, partitions);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Could not read " + end.keySet() + " to offsets " + end + " within "
            + WAIT.toSeconds() + " s: a transaction on them stays open (another writer, or one that died and has not "
            + "timed out yet); try again when it has ended");
      }
      consumer.poll(Duration.ofMillis(200)).forEach(each);
    }
  }

  private static Map<TopicPartition, Long> highWatermarks(KafkaClientSettings settings, Collection<TopicPartition> partitions) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
        settings.common(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted")), new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      return consumer.endOffsets(partitions);
    }
  }
}
