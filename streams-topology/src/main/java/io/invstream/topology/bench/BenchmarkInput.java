package io.invstream.topology.bench;

import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.core.topic.Topics;
import io.invstream.schemas.AvroSerde;
import io.invstream.schemas.Example;
import io.invstream.schemas.FeatureVectors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes the benchmark's input once: environments interleaved record by record with increasing
 * timestamps, as live sources would, so both topologies read exactly the same bytes.
 */
final class BenchmarkInput {

  private BenchmarkInput() {}

  /** Produces the input and returns the producer's records/s. */
  static double write(KafkaClientSettings settings, Topics topics, BenchmarkSettings shape) {
    AtomicReference<Exception> failure = new AtomicReference<>();
    AvroSerde<Example> serde = AvroSerde.of(Example.class);
    SplittableRandom random = new SplittableRandom(42);
    long start = System.nanoTime();
    long baseTime = Instant.now().toEpochMilli() - shape.recordsPerEnvironment();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings.producer(Map.of()), new ByteArraySerializer(),
        new ByteArraySerializer())) {
      for (int i = 0; i < shape.recordsPerEnvironment(); i++) {
        for (int e = 0; e < shape.environments(); e++) {
          String environment = "e" + e;
          String id = environment + "-" + i;
          Example example = Example.newBuilder().setEnvironment(environment).setId(id)
              .setEventTime(Instant.ofEpochMilli(baseTime + i)).setFeatures(FeatureVectors.encode(features(random, shape.features())))
              .setLabel(random.nextInt(2)).build();
          producer.send(new ProducerRecord<>(topics.environmentTopicName(environment), null, baseTime + i,
              id.getBytes(StandardCharsets.UTF_8), serde.serialize(topics.environmentTopicName(environment), example)),
              (metadata, error) -> {
                if (error != null) {
                  failure.compareAndSet(null, error);
                }
              });
        }
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("Cannot write the benchmark input: " + failure.get().getMessage(), failure.get());
    }
    return shape.totalRecords() / ((System.nanoTime() - start) / 1e9);
  }

  private static float[] features(SplittableRandom random, int count) {
    float[] values = new float[count];
    for (int i = 0; i < count; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }
}
