package io.invstream.core.kafka;

import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The end offsets of partitions including records of transactions still open. A {@code
 * read_committed} consumer's end offset is the last stable offset, which stops at the first open
 * transaction and, right after a commit, before the commit's markers are written; a reader that
 * must see everything committed so far reads until its position reaches these offsets instead.
 */
public final class HighWatermarks {

  private HighWatermarks() {}

  public static Map<TopicPartition, Long> of(KafkaClientSettings settings, Collection<TopicPartition> partitions) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
        settings.common(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted")), new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      return consumer.endOffsets(partitions);
    }
  }
}
