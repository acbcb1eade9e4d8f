package io.invstream.trainer.service;

import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.core.topic.TopicSpec;
import io.invstream.core.topic.Topics;
import io.invstream.schemas.ModelUpdate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the newest committed update of one model from the compacted models topic. */
public final class LatestModel {

  private LatestModel() {}

  /** The committed update of {@code modelName} with the highest version, if any. */
  public static Optional<ModelUpdate> read(KafkaClientSettings settings, Topics topics, String modelName) {
    TopicSpec<String, ModelUpdate> models = topics.models();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings.consumer("invstream-model-reader", Map.of()),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(models.name(), Duration.ofSeconds(30)).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      ModelUpdate newest = null;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (!modelName.equals(record.key()) || record.value() == null) {
            continue;
          }
          try {
            ModelUpdate update = models.valueSerde().deserializer().deserialize(record.topic(), record.value());
            if (newest == null || update.getVersion() > newest.getVersion()) {
              newest = update;
            }
          } catch (SerializationException e) {
            // An unreadable old record must not stop a restart; the newest readable version wins.
          }
        }
      }
      return Optional.ofNullable(newest);
    }
  }
}
