package io.invstream.ingest.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.core.topic.TopicLayout;
import io.invstream.core.topic.TopicProvisioner;
import io.invstream.core.topic.Topics;
import io.invstream.schemas.validation.ExampleValidator;
import io.invstream.schemas.validation.RejectReason;
import io.invstream.datasets.synthetic.SpiralTask;
import io.invstream.datasets.synthetic.SpiralTaskConfig;
import io.invstream.ingest.producer.ExampleProducer;
import io.invstream.ingest.producer.InvalidExampleException;
import io.invstream.schemas.Example;
import io.invstream.schemas.FeatureVectors;
import io.invstream.testing.KafkaCluster;
import io.invstream.testing.RealKafka;
import io.invstream.testing.TestTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

@RealKafka
class SyntheticIngestIT {

  @Test
  void producesEveryExampleOnceToItsEnvironmentTopic(KafkaCluster cluster) {
    Topics topics = new Topics(TestTopics.uniquePrefix("ingest"));
    KafkaClientSettings settings = KafkaClientSettings.of(cluster.bootstrapServers());
    SpiralTask task = SpiralTask.withEnvironments(SpiralTaskConfig.defaults(1), 3, 1);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Admin admin = Admin.create(settings.common(Map.of()));
        ExampleProducer producer = new ExampleProducer(settings, topics, new TopicProvisioner(admin, TopicLayout.singleBroker()),
            new ExampleValidator(task.config().featureCount(), 2), registry)) {
      long sent = new SyntheticIngest(task, task.environments(), producer, "r1", 5).run(400, 0, () -> true);
      assertThat(sent).isEqualTo(400);
    }

    Set<String> ids = new HashSet<>();
    int records = 0;
    try (KafkaConsumer<String, Example> consumer = new KafkaConsumer<>(settings.consumer("check", Map.of()),
        topics.environment("x").keySerde().deserializer(), topics.environment("x").valueSerde().deserializer())) {
      consumer.subscribe(topics.environmentPattern());
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records < 400 && System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          records++;
          ids.add(record.value().getId());
          assertThat(record.topic()).isEqualTo(topics.environmentTopicName(record.value().getEnvironment()));
          assertThat(record.key()).isEqualTo(record.value().getId());
        }
      }
    }
    assertThat(records).isEqualTo(400);
    assertThat(ids).hasSize(400);
    assertThat(registry.get("invstream.ingest.examples").tag("environment", "test-00").counter().count()).isEqualTo(100);
  }

  @Test
  void refusesAnExampleTheBalancerWouldDeadLetter(KafkaCluster cluster) {
    Topics topics = new Topics(TestTopics.uniquePrefix("ingest-bad"));
    KafkaClientSettings settings = KafkaClientSettings.of(cluster.bootstrapServers());
    try (Admin admin = Admin.create(settings.common(Map.of()));
        ExampleProducer producer = new ExampleProducer(settings, topics, new TopicProvisioner(admin, TopicLayout.singleBroker()),
            new ExampleValidator(2, 2), new SimpleMeterRegistry())) {
      Example nan = Example.newBuilder().setEnvironment("a").setId("1").setEventTime(Instant.EPOCH)
          .setFeatures(FeatureVectors.encode(new float[] {Float.NaN, 1})).setLabel(0).build();
      assertThatThrownBy(() -> producer.send(nan)).isInstanceOf(InvalidExampleException.class)
          .satisfies(e -> assertThat(((InvalidExampleException) e).rejection().reason()).isEqualTo(RejectReason.NON_FINITE));
      assertThat(admin.listTopics().names().get()).doesNotContain(topics.environmentTopicName("a"));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
