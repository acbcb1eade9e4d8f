package io.invstream.ingest.producer;

import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.core.topic.TopicProvisioner;
import io.invstream.core.topic.TopicSpec;
import io.invstream.core.topic.Topics;
import io.invstream.schemas.validation.ExampleValidator;
import io.invstream.schemas.validation.Rejection;
import io.invstream.schemas.Example;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends examples to {@code <prefix>.env.<environment>}, keyed by example id, with an idempotent
 * {@code acks=all} producer; creates an environment's topic the first time it sends to it.
 *
 * <p>Examples are checked with the pipeline's {@link ExampleValidator} before sending: a producer
 * learns about its own bad data at once instead of through the dead-letter topic.
 */
public final class ExampleProducer implements AutoCloseable {

  private final Producer<String, Example> producer;
  private final Topics topics;
  private final TopicProvisioner provisioner;
  private final ExampleValidator validator;
  private final MeterRegistry registry;
  private final Set<String> provisioned = new HashSet<>();

  public ExampleProducer(KafkaClientSettings settings, Topics topics, TopicProvisioner provisioner,
      ExampleValidator validator, MeterRegistry registry) {
    TopicSpec<String, Example> any = topics.environment("any");
    this.producer = new KafkaProducer<>(settings.producer(Map.of()), any.keySerde().serializer(), any.valueSerde().serializer());
    this.topics = topics;
    this.provisioner = provisioner;
    this.validator = validator;
    this.registry = registry;
  }

  /** The problem with {@code example}, if any, without sending it. */
  public Optional<Rejection> check(Example example) {
    return validator.check(example);
  }

  /**
   * Sends a valid example asynchronously.
   *
   * @throws InvalidExampleException if the example would be refused downstream
   */
  public Future<RecordMetadata> send(Example example) {
    Optional<Rejection> problem = validator.check(example);
    if (problem.isPresent()) {
      throw new InvalidExampleException(problem.get());
    }
    String environment = example.getEnvironment();
    if (provisioned.add(environment)) {
      provisioner.ensureEnvironment(topics, environment);
    }
    Counter.builder("invstream.ingest.examples").description("Examples produced to environment topics")
        .tag("environment", environment).register(registry).increment();
    return producer.send(new ProducerRecord<>(topics.environmentTopicName(environment), null,
        example.getEventTime().toEpochMilli(), example.getId(), example));
  }

  /** Blocks until every example sent so far is acknowledged. */
  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }
}
