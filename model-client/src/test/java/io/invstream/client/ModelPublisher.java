package io.invstream.client;

import io.invstream.schemas.ModelChunks;
import io.invstream.schemas.ModelRole;
import io.invstream.schemas.ModelUpdate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes model updates the way the trainer does: every record of a version (and a checkpoint) in one transaction. */
final class ModelPublisher implements AutoCloseable {

  /** Values larger than 4 KiB go out as a manifest and chunks. */
  static final int SMALL_CHUNKS = 64 * 1024 + 4 * 1024;

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;

  ModelPublisher(String bootstrapServers, String topic) {
    this.topic = topic;
    this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-publisher-" + UUID.randomUUID()), new StringSerializer(),
        new ByteArraySerializer());
    producer.initTransactions();
  }

  /** Sends {@code update} (chunked when {@code maxBytes} says so) and a checkpoint of it, then commits or aborts. */
  void publish(ModelUpdate update, int maxBytes, boolean commit) {
    producer.beginTransaction();
    List<ModelChunks.Keyed> parts = ModelChunks.split(update.getModelName(), update, maxBytes);
    ModelUpdate checkpoint = TestUpdates.withRole(update, ModelRole.CHECKPOINT);
    for (ModelChunks.Keyed part : parts) {
      send(part.key(), TestUpdates.bytes(part.update()));
    }
    send(update.getModelName() + "/checkpoint", TestUpdates.bytes(checkpoint));
    if (commit) {
      producer.commitTransaction();
    } else {
      producer.flush();
      producer.abortTransaction();
    }
  }

  /** Sends exactly these records under these keys in one committed transaction. */
  void publishRaw(List<ModelChunks.Keyed> records) {
    producer.beginTransaction();
    records.forEach(record -> send(record.key(), TestUpdates.bytes(record.update())));
    producer.commitTransaction();
  }

  private void send(String key, byte[] value) {
    producer.send(new ProducerRecord<>(topic, key, value));
  }

  @Override
  public void close() {
    producer.close();
  }
}
