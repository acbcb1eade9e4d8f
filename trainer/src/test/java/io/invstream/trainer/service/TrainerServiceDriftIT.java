package io.invstream.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.core.topic.TopicLayout;
import io.invstream.core.topic.TopicProvisioner;
import io.invstream.core.topic.Topics;
import io.invstream.schemas.BalancedBatch;
import io.invstream.schemas.BatchReason;
import io.invstream.schemas.DriftDetector;
import io.invstream.schemas.DriftEvent;
import io.invstream.schemas.DriftSeverity;
import io.invstream.schemas.Example;
import io.invstream.schemas.SourceRange;
import io.invstream.testing.KafkaCluster;
import io.invstream.testing.RealKafka;
import io.invstream.testing.TestTopics;
import io.invstream.trainer.algorithm.AlgorithmRegistry;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.optim.AdamConfig;
import io.invstream.trainer.session.DriftSettings;
import io.invstream.trainer.session.DriftStream;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The trainer's drift wiring on the real broker: a shift injected into one environment reaches {@code <prefix>.drift}. */
@RealKafka
class TrainerServiceDriftIT {

  /** With the defaults and 64 examples per environment the reference is complete after 16 batches, windows close every 8. */
  private static final int STATIONARY = 60;
  private static final int SHIFTED = 40;

  @Test
  void aShiftedEnvironmentProducesDriftEventsOnTheDriftTopicMetersAndListener(KafkaCluster cluster) throws Exception {
    Topics topics = new Topics(TestTopics.uniquePrefix("drift"));
    KafkaClientSettings settings = provision(cluster, topics);
    DriftStream stream = new DriftStream(9);
    produce(settings, topics, stream, 0, STATIONARY, 0);
    produce(settings, topics, stream, STATIONARY, SHIFTED, 2.0);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    List<DriftEvent> heard = new CopyOnWriteArrayList<>();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onDrift(DriftEvent event) {
        heard.add(event);
      }
    };

    try (TrainerService service = TrainerService.start(settings, topics, TrainerServiceConfig.defaults("m", "test"),
        this::session, "m", "erm", registry, listener)) {
      await().atMost(Duration.ofSeconds(180)).until(() -> service.snapshot().steps() == STATIONARY + SHIFTED || !service.isRunning());
      assertThat(service.failure()).isEmpty();
    }

    assertThat(heard).as("events handed to the listener").hasSizeGreaterThanOrEqualTo(3);
    List<ConsumerRecord<String, DriftEvent>> records = readDrift(settings, topics, heard.size());
    List<DriftEvent> drifts = records.stream().map(ConsumerRecord::value).filter(e -> e.getLevel() == DriftSeverity.DRIFT).toList();
    assertThat(drifts).extracting(DriftEvent::getDetector)
        .contains(DriftDetector.PSI, DriftDetector.KS, DriftDetector.WASSERSTEIN);
    assertThat(drifts).filteredOn(e -> e.getFeatureIndex() != null).allSatisfy(event -> {
      assertThat(event.getEnvironment()).isEqualTo("b");
      assertThat(event.getFeatureIndex()).isEqualTo(1);
      assertThat(event.getStep()).isGreaterThan(STATIONARY);
      assertThat(event.getModelName()).isEqualTo("m");
    });
    assertThat(records).allSatisfy(record -> assertThat(record.key()).isEqualTo(record.value().getEnvironment()));
    assertThat(records).extracting(ConsumerRecord::value).noneMatch(e -> e.getEnvironment().equals("a"));
    assertThat(heard).containsExactlyInAnyOrderElementsOf(records.stream().map(ConsumerRecord::value).toList());
    assertThat(registry.get("invstream.drift.events").tags("environment", "b", "detector", "ks", "level", "drift").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("invstream.drift.level").tags("environment", "a", "detector", "psi").gauge().value()).isZero();
  }

  @Test
  void withDriftOffNothingIsWatched(KafkaCluster cluster) throws Exception {
    Topics topics = new Topics(TestTopics.uniquePrefix("drift-off"));
    KafkaClientSettings settings = provision(cluster, topics);
    produce(settings, topics, new DriftStream(1), 0, 10, 0);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    TrainerServiceConfig config = TrainerServiceConfig.defaults("m", "test").withDrift(DriftSettings.off());

    try (TrainerService service = TrainerService.start(settings, topics, config, this::session, "m", "erm", registry,
        TrainingListener.NONE)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> service.snapshot().steps() == 10 || !service.isRunning());
      assertThat(service.failure()).isEmpty();
    }

    assertThat(registry.find("invstream.drift.level").gauges()).isEmpty();
    assertThat(registry.find("invstream.trainer.steps").counters()).isNotEmpty();
  }

  private static KafkaClientSettings provision(KafkaCluster cluster, Topics topics) {
    KafkaClientSettings settings = KafkaClientSettings.of(cluster.bootstrapServers());
    try (Admin admin = Admin.create(settings.common(Map.of()))) {
      new TopicProvisioner(admin, TopicLayout.singleBroker()).ensurePipelineTopics(topics, List.of());
    }
    return settings;
  }

  private TrainingSession session(int inputs) {
    SplittableRandom random = new SplittableRandom(4);
    Trainer trainer = Trainer.create(new Nd4jCpuBackend(), new Mlp(inputs, List.of(8), 2), AdamConfig.of(1e-2, 0),
        AlgorithmRegistry.standard().create("erm", Map.of(), random.split()), TrainerConfig.DEFAULTS, random);
    return new TrainingSession(trainer, new SessionConfig("m", "erm", Set.of(), 20));
  }

  private static void produce(KafkaClientSettings settings, Topics topics, DriftStream stream, int first, int count, double shiftB)
      throws Exception {
    try (KafkaProducer<String, BalancedBatch> producer = new KafkaProducer<>(settings.producer(Map.of()), new StringSerializer(),
        topics.batches().valueSerde().serializer())) {
      for (int b = first; b < first + count; b++) {
        List<Example> examples = stream.batch(64, shiftB, false);
        BalancedBatch batch = BalancedBatch.newBuilder().setBatchId("batch-" + b).setCreatedAt(Instant.EPOCH)
            .setReason(BatchReason.FULL).setEnvironments(DriftStream.ENVIRONMENTS).setExamples(examples)
            .setSources(List.of(new SourceRange("in", 0, b * 128L, b * 128L + 127))).build();
        producer.send(new ProducerRecord<>(topics.batches().name(), batch.getBatchId(), batch));
      }
      producer.flush();
    }
  }

  private static List<ConsumerRecord<String, DriftEvent>> readDrift(KafkaClientSettings settings, Topics topics, int atLeast) {
    List<ConsumerRecord<String, DriftEvent>> records = new ArrayList<>();
    try (KafkaConsumer<String, DriftEvent> consumer = new KafkaConsumer<>(settings.consumer("check-" + System.nanoTime(), Map.of()),
        new StringDeserializer(), topics.drift().valueSerde().deserializer())) {
      consumer.subscribe(Pattern.compile(Pattern.quote(topics.drift().name())));
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return records.size() >= atLeast;
      });
    }
    return records;
  }
}
