package io.invstream.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.core.topic.TopicLayout;
import io.invstream.core.topic.TopicProvisioner;
import io.invstream.core.topic.Topics;
import io.invstream.datasets.synthetic.SpiralTask;
import io.invstream.datasets.synthetic.SpiralTaskConfig;
import io.invstream.schemas.BalancedBatch;
import io.invstream.schemas.BatchReason;
import io.invstream.schemas.DeadLetter;
import io.invstream.schemas.Example;
import io.invstream.schemas.ModelRole;
import io.invstream.schemas.ModelUpdate;
import io.invstream.schemas.SourceRange;
import io.invstream.schemas.TrainingMetrics;
import io.invstream.testing.KafkaCluster;
import io.invstream.testing.RealKafka;
import io.invstream.testing.TestTopics;
import io.invstream.trainer.algorithm.AlgorithmRegistry;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.optim.AdamConfig;
import io.invstream.trainer.session.SessionConfig;
import io.invstream.trainer.session.TrainingSession;
import io.invstream.trainer.step.Trainer;
import io.invstream.trainer.step.TrainerConfig;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@RealKafka
class TrainerServiceIT {

  private final SpiralTask task = SpiralTask.withEnvironments(SpiralTaskConfig.defaults(3), 3, 1);

  @Test
  void trainsEveryBatchOncePublishesGrowingVersionsAndResumesAfterARestart(KafkaCluster cluster) throws Exception {
    Topics topics = new Topics(TestTopics.uniquePrefix("trainer"));
    KafkaClientSettings settings = KafkaClientSettings.of(cluster.bootstrapServers());
    try (Admin admin = Admin.create(settings.common(Map.of()))) {
      new TopicProvisioner(admin, TopicLayout.singleBroker()).ensurePipelineTopics(topics, List.of());
    }
    produceBatches(settings, topics, 0, 40);
    produceGarbage(settings, topics);
    TrainerServiceConfig config = TrainerServiceConfig.defaults("m", "test").withPublishing(10, Duration.ofSeconds(60));

    try (TrainerService service = start(settings, topics, config)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> service.snapshot().steps() == 40 && service.snapshot().deadLetters() == 1);
      assertThat(service.snapshot().heldOutAccuracy()).containsKey("test-00");
    }
    produceBatches(settings, topics, 40, 20);
    try (TrainerService restarted = start(settings, topics, config)) {
      // Steps continue from the restored checkpoint.
      await().atMost(Duration.ofSeconds(60)).until(() -> restarted.snapshot().steps() == 60);
    }

    List<TrainingMetrics> metrics = read(settings, topics.metrics().name(), topics.metrics().valueSerde().deserializer(), 60);
    assertThat(metrics).hasSize(60);
    assertThat(metrics.stream().map(TrainingMetrics::getBatchId).distinct().count()).isEqualTo(60);
    List<ModelUpdate> models = read(settings, topics.models().name(), topics.models().valueSerde().deserializer(), 12).stream()
        .filter(update -> update.getRole() == ModelRole.SERVING).toList();
    assertThat(models).extracting(ModelUpdate::getVersion).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    ModelUpdate last = models.get(models.size() - 1);
    assertThat(last.getArchitecture()).isEqualTo("mlp 10-16-2");
    assertThat(last.getHyperparameters()).containsKey("algorithm");
    assertThat(last.getProvenance()).anySatisfy(range -> {
      assertThat(range.getTopic()).isEqualTo(topics.batches().name());
      assertThat(range.getFirstOffset()).isZero();
    });
    List<DeadLetter> dead = read(settings, topics.deadLetters().name(), topics.deadLetters().valueSerde().deserializer(), 1);
    assertThat(dead).singleElement().satisfies(d -> {
      assertThat(d.getReasonCode()).isEqualTo("UNDECODABLE");
      assertThat(d.getStage()).isEqualTo("trainer");
    });
  }

  private TrainerService start(KafkaClientSettings settings, Topics topics, TrainerServiceConfig config) {
    return TrainerService.start(settings, topics, config, this::session, "m", "andmask", new SimpleMeterRegistry(), TrainingListener.NONE);
  }

  private TrainingSession session(int inputs) {
    SplittableRandom random = new SplittableRandom(1);
    Trainer trainer = Trainer.create(new Nd4jCpuBackend(), new Mlp(inputs, List.of(16), 2), AdamConfig.of(1e-2, 0),
        AlgorithmRegistry.standard().create("andmask", Map.of("tau", "0.6"), random.split()), TrainerConfig.DEFAULTS, random);
    return new TrainingSession(trainer, new SessionConfig("m", "andmask", Set.of("test-00"), 20));
  }

  private void produceBatches(KafkaClientSettings settings, Topics topics, int first, int count) throws Exception {
    SplittableRandom random = new SplittableRandom(first);
    try (KafkaProducer<String, BalancedBatch> producer = new KafkaProducer<>(settings.producer(Map.of()),
        new StringSerializer(), topics.batches().valueSerde().serializer())) {
      for (int b = first; b < first + count; b++) {
        List<Example> examples = new ArrayList<>();
        for (String env : task.environments()) {
          for (int i = 0; i < 8; i++) {
            examples.add(task.draw(env, env + "-" + b + "-" + i, Instant.EPOCH, random));
          }
        }
        BalancedBatch batch = BalancedBatch.newBuilder().setBatchId("batch-" + b).setCreatedAt(Instant.EPOCH)
            .setReason(BatchReason.FULL).setEnvironments(task.environments()).setExamples(examples)
            .setSources(List.of(new SourceRange("in", 0, b * 10L, b * 10L + 9))).build();
        producer.send(new ProducerRecord<>(topics.batches().name(), batch.getBatchId(), batch)).get();
      }
    }
  }

  private void produceGarbage(KafkaClientSettings settings, Topics topics) throws Exception {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings.producer(Map.of()), new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topics.batches().name(), "garbage", new byte[] {1, 2, 3})).get();
    }
  }

  private static <T> List<T> read(KafkaClientSettings settings, String topic, org.apache.kafka.common.serialization.Deserializer<T> deserializer,
      int expected) {
    List<T> values = new ArrayList<>();
    try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(settings.consumer("check-" + System.nanoTime(), Map.of()),
        new StringDeserializer(), deserializer)) {
      consumer.subscribe(Pattern.compile(Pattern.quote(topic)));
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      long settle = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      while (System.nanoTime() < deadline && (values.size() < expected || System.nanoTime() < settle)) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
      }
    }
    return values;
  }
}
