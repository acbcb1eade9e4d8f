package io.invstream.topology.it;

import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.core.topic.Topics;
import io.invstream.schemas.AvroSerde;
import io.invstream.schemas.Example;
import io.invstream.schemas.FeatureVectors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces examples {@code <env>-<i>} to every environment at a steady pace from a scheduler (a
 * producer that sleeps between chunks rather than spinning), spreading them over the partitions.
 */
final class ExampleFeed implements AutoCloseable {

  private final KafkaProducer<byte[], byte[]> producer;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final AvroSerde<Example> serde = AvroSerde.of(Example.class);
  private final AtomicInteger produced = new AtomicInteger();
  private final Topics topics;
  private final List<String> environments;
  private final int perEnvironment;
  private final int partitions;

  ExampleFeed(String bootstrapServers, Topics topics, List<String> environments, int perEnvironment, int partitions) {
    this.producer = new KafkaProducer<>(KafkaClientSettings.of(bootstrapServers).producer(Map.of()), new ByteArraySerializer(),
        new ByteArraySerializer());
    this.topics = topics;
    this.environments = environments;
    this.perEnvironment = perEnvironment;
    this.partitions = partitions;
  }

  /** Starts producing {@code chunk} examples per environment every 10 ms. */
  ExampleFeed start(int chunk) {
    scheduler.scheduleAtFixedRate(() -> {
      int from = produced.get();
      int to = Math.min(perEnvironment, from + chunk);
      for (int i = from; i < to; i++) {
        for (String environment : environments) {
          send(environment, i);
        }
      }
      producer.flush();
      produced.set(to);
    }, 0, 10, TimeUnit.MILLISECONDS);
    return this;
  }

  /** Examples produced so far to each environment. */
  int produced() {
    return produced.get();
  }

  boolean done() {
    return produced.get() >= perEnvironment;
  }

  private void send(String environment, int i) {
    String id = environment + "-" + i;
    Example example = Example.newBuilder().setEnvironment(environment).setId(id).setEventTime(Instant.now())
        .setFeatures(FeatureVectors.encode(new float[] {i, 1, 2, 3})).setLabel(i % 2).build();
    String topic = topics.environmentTopicName(environment);
    producer.send(new ProducerRecord<>(topic, i % partitions, id.getBytes(StandardCharsets.UTF_8), serde.serialize(topic, example)));
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    producer.close();
  }
}
