package io.invstream.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invstream.app.ingest.SyntheticTaskOptions;
import io.invstream.app.train.TrainingOptions;
import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.core.topic.Topics;
import io.invstream.schemas.DeadLetter;
import io.invstream.testing.KafkaCluster;
import io.invstream.testing.RealKafka;
import io.invstream.testing.TestTopics;
import io.invstream.trainer.service.TrainerSnapshot;
import io.invstream.trainer.service.TrainingListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The whole pipeline (synthetic producers, balancer, trainer) on the real broker. */
@RealKafka
class SyntheticPipelineIT {

  private static final int STEPS = 450;

  @Test
  void andMaskHoldsUpOnTheReversedShortcutEnvironmentWhereErmFails(KafkaCluster cluster) throws Exception {
    TrainerSnapshot erm = trainUntil(cluster, "erm", STEPS);
    TrainerSnapshot andMask = trainUntil(cluster, "andmask", STEPS);

    assertThat(erm.worstTrainAccuracy()).as("ERM fits every training environment").isGreaterThan(0.9);
    assertThat(erm.testAccuracy()).as("ERM's held-out accuracy").isLessThan(0.2);
    assertThat(andMask.testAccuracy()).as("AND-mask's held-out accuracy").isGreaterThan(0.8);
    assertThat(andMask.testAccuracy()).isGreaterThan(erm.testAccuracy() + 0.6);
  }

  @Test
  void aMalformedMessageIsDeadLetteredAndCountedWhileThePipelineKeepsTraining(KafkaCluster cluster) throws Exception {
    Topics topics = new Topics(TestTopics.uniquePrefix("demo-bad"));
    KafkaClientSettings settings = KafkaClientSettings.of(cluster.bootstrapServers());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (SyntheticPipeline pipeline = pipeline(settings, topics, "andmask", registry)) {
      await().atMost(Duration.ofSeconds(90)).until(() -> pipeline.snapshot().steps() >= 5);
      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings.producer(Map.of()), new StringSerializer(),
          new ByteArraySerializer())) {
        producer.send(new ProducerRecord<>(topics.environmentTopicName("env-03"), "bad", "{not avro}".getBytes())).get();
      }
      long stepsAtInjection = pipeline.snapshot().steps();
      await().atMost(Duration.ofSeconds(60)).until(() -> registry.find("invstream.dead.letters").tag("stage", "balancer")
          .tag("reason", "UNDECODABLE").counter() != null);
      await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.snapshot().steps() > stepsAtInjection + 20);
      assertThat(pipeline.failure()).isEmpty();
    }
    List<DeadLetter> dead = new ArrayList<>();
    try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(settings.consumer("dl-check", Map.of()),
        new StringDeserializer(), topics.deadLetters().valueSerde().deserializer())) {
      consumer.subscribe(Pattern.compile(Pattern.quote(topics.deadLetters().name())));
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> dead.add(r.value()));
        return dead.stream().anyMatch(letter -> letter.getReasonCode().equals("UNDECODABLE"));
      });
    }
    assertThat(dead).filteredOn(letter -> letter.getReasonCode().equals("UNDECODABLE")).singleElement().satisfies(letter -> {
      assertThat(letter.getReasonCode()).isEqualTo("UNDECODABLE");
      assertThat(letter.getSourceTopic()).isEqualTo(topics.environmentTopicName("env-03"));
      assertThat(new String(letter.getValue().array())).isEqualTo("{not avro}");
      assertThat(letter.getReason()).isNotBlank();
    });
  }

  private static TrainerSnapshot trainUntil(KafkaCluster cluster, String algorithm, int steps) throws Exception {
    Topics topics = new Topics(TestTopics.uniquePrefix("demo-" + algorithm));
    try (SyntheticPipeline pipeline = pipeline(KafkaClientSettings.of(cluster.bootstrapServers()), topics, algorithm,
        new SimpleMeterRegistry())) {
      await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(250))
          .until(() -> pipeline.snapshot().steps() >= steps || !pipeline.isRunning());
      assertThat(pipeline.failure()).isEmpty();
      return pipeline.snapshot();
    }
  }

  private static SyntheticPipeline pipeline(KafkaClientSettings settings, Topics topics, String algorithm,
      SimpleMeterRegistry registry) throws Exception {
    TrainingOptions training = new TrainingOptions();
    SyntheticTaskOptions task = new SyntheticTaskOptions();
    // Parse empty command lines so every option holds the CLI's documented default.
    new CommandLine(training).parseArgs("--algorithm", algorithm, "--test-env", "test-00", "--lr", "0.01");
    new CommandLine(task).parseArgs();
    return new SyntheticPipeline(settings, topics, task.task(), training, 64, 15000,
        Files.createTempDirectory("pipeline-it-"), registry, TrainingListener.NONE);
  }
}
