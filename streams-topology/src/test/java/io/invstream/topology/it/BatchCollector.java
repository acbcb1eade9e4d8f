package io.invstream.topology.it;

import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.core.topic.Topics;
import io.invstream.schemas.AvroSerde;
import io.invstream.schemas.BalancedBatch;
import io.invstream.schemas.Example;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads committed batches (read_committed, as the trainer does) and counts every example id. */
final class BatchCollector implements AutoCloseable {

  private final KafkaConsumer<String, BalancedBatch> consumer;
  private final List<BalancedBatch> batches = new ArrayList<>();
  private final Map<String, Integer> freshCounts = new HashMap<>();

  BatchCollector(String bootstrapServers, Topics topics) {
    consumer = new KafkaConsumer<>(KafkaClientSettings.of(bootstrapServers).consumer("collector-" + UUID.randomUUID(), Map.of()),
        new StringDeserializer(), AvroSerde.of(BalancedBatch.class));
    consumer.subscribe(List.of(topics.batches().name()));
  }

  /** Polls once and returns all batches read so far. */
  List<BalancedBatch> poll() {
    for (ConsumerRecord<String, BalancedBatch> record : consumer.poll(Duration.ofMillis(200))) {
      BalancedBatch batch = record.value();
      batches.add(batch);
      for (int i = 0; i < batch.getExamples().size(); i++) {
        if (!batch.getReplayed().get(i)) {
          Example example = batch.getExamples().get(i);
          freshCounts.merge(example.getId(), 1, Integer::sum);
        }
      }
    }
    return batches;
  }

  /** How many times each example id appeared fresh (not replayed). */
  Map<String, Integer> freshCounts() {
    return freshCounts;
  }

  List<BalancedBatch> batches() {
    return batches;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
