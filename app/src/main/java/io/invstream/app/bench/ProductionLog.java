package io.invstream.app.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * When each example was produced: the record timestamps of the environment topics (the producer
 * stamps each record with the example's event time, taken when it was drawn), read back after the
 * run without decoding values.
 */
final class ProductionLog {

  private final Map<TopicPartition, long[]> timestamps;

  private ProductionLog(Map<TopicPartition, long[]> timestamps) {
    this.timestamps = timestamps;
  }

  /** Reads every record of {@code partitions} up to their current end. */
  static ProductionLog read(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    Map<TopicPartition, long[]> out = new HashMap<>();
    for (TopicPartition partition : partitions) {
      out.put(partition, new long[Math.toIntExact(end.get(partition))]);
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
        long[] times = out.get(new TopicPartition(record.topic(), record.partition()));
        if (record.offset() < times.length) {
          times[(int) record.offset()] = record.timestamp();
        }
      }
    }
    return new ProductionLog(out);
  }

  Map<TopicPartition, long[]> timestamps() {
    return timestamps;
  }
}
