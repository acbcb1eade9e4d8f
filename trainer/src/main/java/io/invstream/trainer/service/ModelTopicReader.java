package io.invstream.trainer.service;

import io.invstream.core.kafka.CommittedTail;
import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.core.topic.TopicSpec;
import io.invstream.core.topic.Topics;
import io.invstream.schemas.ModelChunks;
import io.invstream.schemas.ModelUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the committed models topic to its end and resolves the newest serving version and the
 * newest checkpoint of one model, reassembling chunked updates.
 */
public final class ModelTopicReader {

  private static final Logger LOG = LoggerFactory.getLogger(ModelTopicReader.class);

  /** What the topic holds for one model. */
  public record Latest(Optional<ModelUpdate> serving, Optional<ModelUpdate> checkpoint) {}

  private ModelTopicReader() {}

  /** Key under which a model's checkpoints are written. */
  public static String checkpointKey(String modelName) {
    return modelName + "/checkpoint";
  }

  public static Latest read(KafkaClientSettings settings, Topics topics, String modelName) {
    Map<String, ModelUpdate> lastByKey = scan(settings, topics, modelName);
    return new Latest(resolve(lastByKey, modelName), resolve(lastByKey, checkpointKey(modelName)));
  }

  private static Optional<ModelUpdate> resolve(Map<String, ModelUpdate> lastByKey, String key) {
    ModelUpdate manifest = lastByKey.get(key);
    if (manifest == null) {
      return Optional.empty();
    }
    List<ModelUpdate> chunks = new ArrayList<>();
    lastByKey.forEach((k, update) -> {
      if (ModelChunks.isChunkOf(k, key)) {
        chunks.add(update);
      }
    });
    try {
      return Optional.of(ModelChunks.assemble(manifest, chunks));
    } catch (ModelChunks.IncompleteModelException e) {
      LOG.warn("Ignoring the newest update under {}: {}", key, e.getMessage());
      return Optional.empty();
    }
  }

  private static Map<String, ModelUpdate> scan(KafkaClientSettings settings, Topics topics, String modelName) {
    TopicSpec<String, ModelUpdate> models = topics.models();
    Map<String, ModelUpdate> lastByKey = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings.consumer("invstream-model-reader", Map.of()),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(models.name(), Duration.ofSeconds(30)).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      // Through the high watermark: a checkpoint committed just before this read must be seen even
      // while its commit markers are still being written.
      CommittedTail.read(settings, consumer, partitions, record -> {
        String key = record.key();
        if (key == null || record.value() == null || !(key.equals(modelName) || key.startsWith(modelName + "/"))) {
          return;
        }
        try {
          lastByKey.put(key, models.valueSerde().deserializer().deserialize(record.topic(), record.value()));
        } catch (SerializationException e) {
          LOG.warn("Skipping an unreadable record under {} at offset {}: {}", key, record.offset(), e.getMessage());
        }
      });
    }
    return lastByKey;
  }
}
