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
import io.invstream.schemas.Example;
import io.invstream.schemas.ModelChunks;
import io.invstream.schemas.ModelRole;
import io.invstream.schemas.ModelUpdate;
import io.invstream.schemas.TrainingMetrics;
import io.invstream.testing.KafkaCluster;
import io.invstream.testing.RealKafka;
import io.invstream.testing.TestTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Faults under load: the trainer killed with SIGKILL and the broker restarted mid-run. After each,
 * every batch appears in exactly one committed training step, serving versions strictly increase,
 * and every committed serving model is complete.
 */
@RealKafka(dedicated = true)
class TrainerFaultIT {

  private static final int BATCHES = 120;
  private final SpiralTask task = SpiralTask.withEnvironments(SpiralTaskConfig.defaults(9), 3, 0);

  @Test
  void sigkillOfTheTrainerProcessLosesAndDuplicatesNothing(KafkaCluster cluster) throws Exception {
    KafkaClientSettings settings = KafkaClientSettings.of(cluster.bootstrapServers());
    Topics topics = topics(settings, "kill");
    produce(settings, topics, 0, BATCHES / 2);
    Process first = startTrainerProcess(cluster, topics);
    await().atMost(Duration.ofSeconds(120)).until(() -> servingVersions(settings, topics).size() >= 3);
    first.destroyForcibly().waitFor();
    produce(settings, topics, BATCHES / 2, BATCHES / 2);
    Process second = startTrainerProcess(cluster, topics);
    try {
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
          .until(() -> committedBatchIds(settings, topics).size() >= BATCHES);
    } finally {
      second.destroyForcibly().waitFor();
    }
    assertExactlyOnceAndIncreasing(settings, topics);
  }

  @Test
  void aBrokerRestartMidRunLosesAndDuplicatesNothing(KafkaCluster cluster) throws Exception {
    KafkaClientSettings settings = KafkaClientSettings.of(cluster.bootstrapServers());
    Topics topics = topics(settings, "broker");
    produce(settings, topics, 0, BATCHES / 2);
    TrainerServiceConfig config = TrainerServiceConfig.defaults("m", "test").withPublishing(5, Duration.ofMillis(500));
    try (TrainerService service = TrainerService.start(settings, topics, config, TrainerProcess::session, "m", "andmask",
        new SimpleMeterRegistry(), TrainingListener.NONE)) {
      await().atMost(Duration.ofSeconds(120)).until(() -> service.snapshot().modelVersion() >= 3);
      cluster.restart();
      produce(settings, topics, BATCHES / 2, BATCHES / 2);
      await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
          .until(() -> committedBatchIds(settings, topics).size() >= BATCHES);
      assertThat(service.failure()).isEmpty();
    }
    assertExactlyOnceAndIncreasing(settings, topics);
  }

  private void assertExactlyOnceAndIncreasing(KafkaClientSettings settings, Topics topics) {
    List<String> ids = committedBatchIds(settings, topics);
    Map<String, Long> counts = ids.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(counts).hasSize(BATCHES);
    assertThat(counts.values()).as("each batch trained on in exactly one committed step").containsOnly(1L);
    List<Long> versions = servingVersions(settings, topics);
    assertThat(versions).isNotEmpty().isSorted().doesNotHaveDuplicates();
  }

  private Process startTrainerProcess(KafkaCluster cluster, Topics topics) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        TrainerProcess.class.getName(), cluster.bootstrapServers(), topics.prefix());
    builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    return builder.start();
  }

  private static Topics topics(KafkaClientSettings settings, String name) {
    Topics topics = new Topics(TestTopics.uniquePrefix(name));
    try (Admin admin = Admin.create(settings.common(Map.of()))) {
      new TopicProvisioner(admin, TopicLayout.singleBroker()).ensurePipelineTopics(topics, List.of());
    }
    return topics;
  }

  private void produce(KafkaClientSettings settings, Topics topics, int first, int count) throws Exception {
    try (KafkaProducer<String, BalancedBatch> producer = new KafkaProducer<>(settings.producer(Map.of()),
        new StringSerializer(), topics.batches().valueSerde().serializer())) {
      for (int b = first; b < first + count; b++) {
        SplittableRandom random = new SplittableRandom(b);
        List<Example> examples = new ArrayList<>();
        for (String env : task.environments()) {
          for (int i = 0; i < 16; i++) {
            examples.add(task.draw(env, env + "-" + b + "-" + i, Instant.EPOCH, random));
          }
        }
        BalancedBatch batch = BalancedBatch.newBuilder().setBatchId("batch-" + b).setCreatedAt(Instant.EPOCH)
            .setReason(BatchReason.FULL).setEnvironments(task.environments()).setExamples(examples).build();
        producer.send(new ProducerRecord<>(topics.batches().name(), batch.getBatchId(), batch));
      }
      producer.flush();
    }
  }

  private static List<String> committedBatchIds(KafkaClientSettings settings, Topics topics) {
    return readAll(settings, topics.metrics().name(), topics.metrics().valueSerde().deserializer()).stream()
        .map(r -> r.value().getBatchId()).toList();
  }

  /** Versions of the committed serving models, in log order, each checked to be complete. */
  private static List<Long> servingVersions(KafkaClientSettings settings, Topics topics) {
    List<Record<ModelUpdate>> records = readAll(settings, topics.models().name(), topics.models().valueSerde().deserializer());
    Map<String, ModelUpdate> latestChunks = new HashMap<>();
    List<Long> versions = new ArrayList<>();
    for (Record<ModelUpdate> record : records) {
      ModelUpdate update = record.value();
      if (update.getRole() != ModelRole.SERVING) {
        continue;
      }
      if (update.getChunkIndex() >= 0) {
        latestChunks.put(record.key(), update);
      } else {
        ModelChunks.assemble(update, List.copyOf(latestChunks.values()));
        versions.add(update.getVersion());
      }
    }
    return versions;
  }

  private record Record<T>(String key, T value) {}

  private static <T> List<Record<T>> readAll(KafkaClientSettings settings, String topic,
      org.apache.kafka.common.serialization.Deserializer<T> deserializer) {
    List<Record<T>> values = new ArrayList<>();
    try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(settings.consumer("check-" + System.nanoTime(), Map.of()),
        new StringDeserializer(), deserializer)) {
      consumer.subscribe(Pattern.compile(Pattern.quote(topic)));
      long idle = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      // Read until three empty polls in a row after the assignment: the end of the committed log.
      while (System.nanoTime() < deadline && idle < 3) {
        var polled = consumer.poll(Duration.ofMillis(300));
        if (polled.isEmpty() && !consumer.assignment().isEmpty()) {
          idle++;
        } else {
          idle = 0;
        }
        polled.forEach(record -> values.add(new Record<>(record.key(), record.value())));
      }
    }
    return values;
  }
}
