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
import io.invstream.schemas.FeatureVectors;
import io.invstream.schemas.ModelRole;
import io.invstream.schemas.ModelUpdate;
import io.invstream.testing.KafkaCluster;
import io.invstream.testing.RealKafka;
import io.invstream.testing.TestTopics;
import io.invstream.trainer.algorithm.AlgorithmRegistry;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.optim.AdamConfig;
import io.invstream.trainer.session.ModelUpdates;
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
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Restarts, chunked checkpoints and the non-finite guard of the Kafka trainer, on the real broker. */
@RealKafka
class TrainerRecoveryIT {

  private final SpiralTask task = SpiralTask.withEnvironments(SpiralTaskConfig.defaults(5), 3, 0);

  @Test
  void aRestartedTrainerContinuesBitForBitFromAChunkedCheckpoint(KafkaCluster cluster) throws Exception {
    KafkaClientSettings settings = KafkaClientSettings.of(cluster.bootstrapServers());
    // 128 KiB messages force the ~70k-parameter model and its Adam moments into chunks.
    TrainerServiceConfig config = TrainerServiceConfig.defaults("m", "test").withPublishing(7, Duration.ofSeconds(60))
        .withLimits(128 * 1024, 5);

    Topics straight = topics(settings, "straight");
    produce(settings, straight, 0, 40, UnaryOperator.identity());
    try (TrainerService service = start(settings, straight, config)) {
      await().atMost(Duration.ofSeconds(90)).until(() -> service.snapshot().steps() == 40);
    }

    Topics interrupted = topics(settings, "interrupted");
    produce(settings, interrupted, 0, 23, UnaryOperator.identity());
    try (TrainerService first = start(settings, interrupted, config)) {
      await().atMost(Duration.ofSeconds(90)).until(() -> first.snapshot().steps() == 23);
    }
    produce(settings, interrupted, 23, 17, UnaryOperator.identity());
    try (TrainerService second = start(settings, interrupted, config)) {
      await().atMost(Duration.ofSeconds(90)).until(() -> second.snapshot().steps() == 40);
    }

    ModelUpdate a = ModelTopicReader.read(settings, straight, "m").checkpoint().orElseThrow();
    ModelUpdate b = ModelTopicReader.read(settings, interrupted, "m").checkpoint().orElseThrow();
    assertThat(b.getTrainerState().getSteps()).isEqualTo(40);
    assertThat(a.getParameters()).hasSameSizeAs(b.getParameters());
    for (int i = 0; i < a.getParameters().size(); i++) {
      assertThat(b.getParameters().get(i).getName()).isEqualTo(a.getParameters().get(i).getName());
      assertThat(FeatureVectors.decode(b.getParameters().get(i).getValues()))
          .as(a.getParameters().get(i).getName()).containsExactly(FeatureVectors.decode(a.getParameters().get(i).getValues()));
    }
    List<ModelUpdate> raw = readAll(settings, interrupted.models().name(), interrupted.models().valueSerde().deserializer());
    assertThat(raw).anySatisfy(update -> assertThat(update.getChunkCount()).isGreaterThan(1));
    assertThat(raw.stream().filter(u -> u.getRole() == ModelRole.SERVING && u.getChunkIndex() < 0).map(ModelUpdate::getVersion))
        .isSorted().doesNotHaveDuplicates();
  }

  @Test
  void nonFiniteStepsAreSkippedDeadLetteredAndARunOfThemRollsBack(KafkaCluster cluster) throws Exception {
    KafkaClientSettings settings = KafkaClientSettings.of(cluster.bootstrapServers());
    Topics topics = topics(settings, "guard");
    // No commit before the end, so the rollback returns to the initial state and re-reads everything.
    TrainerServiceConfig config = TrainerServiceConfig.defaults("m", "test").withPublishing(100, Duration.ofSeconds(120))
        .withLimits(1 << 20, 3);
    produce(settings, topics, 0, 12, UnaryOperator.identity());
    // Features of 1e30 pass validation (they are finite) but overflow the forward pass.
    produce(settings, topics, 12, 1, TrainerRecoveryIT::explode);
    produce(settings, topics, 13, 5, UnaryOperator.identity());
    produce(settings, topics, 18, 3, TrainerRecoveryIT::explode);
    produce(settings, topics, 21, 10, UnaryOperator.identity());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();

    try (TrainerService service = TrainerService.start(settings, topics, config, this::session, "m", "erm", registry, TrainingListener.NONE)) {
      // 31 batches: batch 12 is a skipped step; 18-20 form the streak, are quarantined and never become steps.
      await().atMost(Duration.ofSeconds(90)).until(() -> service.snapshot().steps() == 28 && service.snapshot().deadLetters() == 4);
      assertThat(service.snapshot().rollbacks()).isEqualTo(1);
      assertThat(service.failure()).isEmpty();
    }

    assertThat(registry.get("invstream.trainer.alerts").tag("kind", "rollback").counter().count()).isEqualTo(1);
    List<DeadLetter> dead = readAll(settings, topics.deadLetters().name(), topics.deadLetters().valueSerde().deserializer());
    assertThat(dead).extracting(DeadLetter::getReasonCode).containsOnly("NON_FINITE");
    assertThat(dead).filteredOn(d -> d.getReason().contains("quarantined")).hasSize(3);
    List<ModelUpdate> models = readAll(settings, topics.models().name(), topics.models().valueSerde().deserializer());
    assertThat(models).filteredOn(m -> m.getRole() == ModelRole.SERVING).isNotEmpty().allSatisfy(m ->
        assertThat(ModelUpdates.parameters(m)).allSatisfy(t -> {
          for (float v : t.data()) {
            assertThat(Float.isFinite(v)).isTrue();
          }
        }));
  }

  private static Example explode(Example example) {
    float[] features = FeatureVectors.decode(example.getFeatures());
    java.util.Arrays.fill(features, 1e30f);
    return Example.newBuilder(example).setFeatures(FeatureVectors.encode(features)).build();
  }

  private TrainerService start(KafkaClientSettings settings, Topics topics, TrainerServiceConfig config) {
    return TrainerService.start(settings, topics, config, this::session, "m", "andmask", new SimpleMeterRegistry(), TrainingListener.NONE);
  }

  private TrainingSession session(int inputs) {
    SplittableRandom random = new SplittableRandom(11);
    Trainer trainer = Trainer.create(new Nd4jCpuBackend(), new Mlp(inputs, List.of(256, 256), 2), AdamConfig.of(1e-3, 1e-4),
        AlgorithmRegistry.standard().create("andmask", Map.of("tau", "0.6"), random.split()), TrainerConfig.DEFAULTS, random);
    return new TrainingSession(trainer, new SessionConfig("m", "andmask", Set.of(), 20));
  }

  private static Topics topics(KafkaClientSettings settings, String name) {
    Topics topics = new Topics(TestTopics.uniquePrefix(name));
    try (Admin admin = Admin.create(settings.common(Map.of()))) {
      new TopicProvisioner(admin, TopicLayout.singleBroker()).ensurePipelineTopics(topics, List.of());
    }
    return topics;
  }

  private void produce(KafkaClientSettings settings, Topics topics, int first, int count, UnaryOperator<Example> change)
      throws Exception {
    try (KafkaProducer<String, BalancedBatch> producer = new KafkaProducer<>(settings.producer(Map.of()),
        new StringSerializer(), topics.batches().valueSerde().serializer())) {
      for (int b = first; b < first + count; b++) {
        SplittableRandom random = new SplittableRandom(b);
        List<Example> examples = new ArrayList<>();
        for (String env : task.environments()) {
          for (int i = 0; i < 8; i++) {
            examples.add(change.apply(task.draw(env, env + "-" + b + "-" + i, Instant.EPOCH, random)));
          }
        }
        BalancedBatch batch = BalancedBatch.newBuilder().setBatchId("batch-" + b).setCreatedAt(Instant.EPOCH)
            .setReason(BatchReason.FULL).setEnvironments(task.environments()).setExamples(examples).build();
        producer.send(new ProducerRecord<>(topics.batches().name(), batch.getBatchId(), batch)).get();
      }
    }
  }

  private static <T> List<T> readAll(KafkaClientSettings settings, String topic, org.apache.kafka.common.serialization.Deserializer<T> deserializer) {
    List<T> values = new ArrayList<>();
    try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(settings.consumer("check-" + System.nanoTime(), Map.of()),
        new StringDeserializer(), deserializer)) {
      consumer.subscribe(Pattern.compile(Pattern.quote(topic)));
      long deadline = System.nanoTime() + Duration.ofSeconds(6).toNanos();
      while (System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
      }
    }
    return values;
  }
}
