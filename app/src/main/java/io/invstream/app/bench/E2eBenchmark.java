package io.invstream.app.bench;

import io.invstream.app.cli.CodeVersion;
import io.invstream.app.train.TrainingOptions;
import io.invstream.client.ModelSubscriber;
import io.invstream.client.SubscriberConfig;
import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.core.topic.TopicLayout;
import io.invstream.core.topic.TopicProvisioner;
import io.invstream.core.topic.Topics;
import io.invstream.schemas.validation.ExampleValidator;
import io.invstream.datasets.synthetic.SpiralTask;
import io.invstream.ingest.producer.ExampleProducer;
import io.invstream.ingest.synthetic.SyntheticIngest;
import io.invstream.trainer.service.TrainerServiceConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Runs the whole pipeline (synthetic producers → balancer → trainer → models topic → a model
 * subscriber) on one cluster and steps the producer rate up, measuring at each rate whether the
 * served model keeps up and how long an example takes to reach a served model.
 *
 * <p>Order: provision topics; start balancer, trainer and subscriber; warm up at the first rate;
 * hold each rate for the step duration, stopping after the first rate that does not keep up; wait
 * for the served model to cover what was produced; note peak memory; then read the input topics'
 * timestamps back and compute each step's latencies.
 */
final class E2eBenchmark {

  private final E2eSettings settings;
  private final SpiralTask task;
  private final TrainingOptions training;
  private final PrintStream progress;

  E2eBenchmark(E2eSettings settings, SpiralTask task, TrainingOptions training, PrintStream progress) {
    this.settings = settings;
    this.task = task;
    this.training = training;
    this.progress = progress;
  }

  E2eResult run(KafkaClientSettings kafka) throws IOException, InterruptedException {
    Topics topics = new Topics(Topics.DEFAULT_PREFIX);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    TrainerServiceConfig trainerConfig = TrainerServiceConfig.defaults(training.modelName, CodeVersion.current())
        .withPublishing(settings.publishEverySteps(), settings.publishEvery());
    VersionLog versions = new VersionLog();
    try (Admin admin = Admin.create(kafka.common(Map.of()))) {
      TopicProvisioner provisioner = new TopicProvisioner(admin, TopicLayout.singleBroker());
      provisioner.ensurePipelineTopics(topics, task.environments());
      List<TopicPartition> inputs = task.environments().stream()
          .map(environment -> new TopicPartition(topics.environmentTopicName(environment), 0)).toList();
      try (BalancedTraining pipeline = new BalancedTraining(kafka, topics, task, training, settings.examplesPerEnvironment(),
              trainerConfig, Files.createTempDirectory("invstream-e2e-streams-"), registry);
          ModelSubscriber subscriber = ModelSubscriber.start(
              SubscriberConfig.of(kafka.common(Map.of()), topics.models().name(), training.modelName), versions);
          ExampleProducer producer = new ExampleProducer(kafka, topics, provisioner,
              new ExampleValidator(task.config().featureCount(), 2), registry);
          KafkaConsumer<byte[], byte[]> probe = new KafkaConsumer<>(kafka.consumer("invstream-e2e-probe", Map.of()),
              new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        Backlog backlog = new Backlog(probe, inputs, versions);
        double loadBefore = HostLoad.oneMinute();
        if (!settings.warmup().isZero()) {
          progress.printf("Warming up at %,d examples/s for %d s...%n", settings.rates().get(0), settings.warmup().toSeconds());
          produce(producer, settings.rates().get(0), settings.warmup().toNanos(), "warmup");
          // Steps start from a caught-up pipeline, so the first one is not charged with the warm-up's backlog.
          drain(backlog, pipeline);
        }
        Map<String, Long> cpuBefore = StageCpu.snapshot();
        long stepsStart = System.nanoTime();
        List<StepWindow> windows = runSteps(producer, backlog, pipeline);
        Map<String, Double> cpu = StageCpu.shares(cpuBefore, StageCpu.snapshot(), (System.nanoTime() - stepsStart) / 1e9,
            Runtime.getRuntime().availableProcessors());
        drain(backlog, pipeline);
        double peakRss = PeakMemory.peakRssMib();
        double loadAfter = HostLoad.oneMinute();
        progress.println("Reading production times back from the input topics...");
        ProductionLog produced = ProductionLog.read(probe, inputs);
        List<StepResult> steps = windows.stream().map(w -> w.result(StepLatencies.of(produced, versions, w))).toList();
        return new E2eResult(settings, steps, peakRss, versions.versions(), subscriber.stats().rejected(),
            pipeline.trainerSteps(), cpu, new RunContext(task.environments().size(), task.config().featureCount(), training.algorithm,
                training.model, Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter));
      }
    }
  }

  private List<StepWindow> runSteps(ExampleProducer producer, Backlog backlog, BalancedTraining pipeline) {
    List<StepWindow> windows = new ArrayList<>();
    for (int i = 0; i < settings.rates().size(); i++) {
      int rate = settings.rates().get(i);
      long coveredBefore = backlog.covered();
      long startMillis = System.currentTimeMillis();
      long startNanos = System.nanoTime();
      long sent = produce(producer, rate, settings.stepDuration().toNanos(), "step" + i);
      long endMillis = System.currentTimeMillis();
      // The producer's clock is the step's: it sends on a fixed timeline and stops at the deadline, so
      // falling short of the rate shows as fewer examples; the final flush is not production time.
      double producedRate = sent / (settings.stepDuration().toNanos() / 1e9);
      pipeline.requireRunning();
      long behind = backlog.behind();
      double trainedRate = (backlog.covered() - coveredBefore) / ((System.nanoTime() - startNanos) / 1e9);
      // Kept up: the producer delivered the rate, the served model's coverage grew as fast (so the
      // backlog is not growing), and the backlog left is small.
      boolean keptUp = producedRate >= 0.95 * rate && trainedRate >= 0.95 * producedRate
          && behind <= rate * settings.maxBacklog().toMillis() / 1000.0;
      StepWindow window = new StepWindow(rate, startMillis, endMillis, producedRate, trainedRate, behind, keptUp);
      progress.printf("%,7d ex/s asked: produced %,9.0f ex/s, served model grew %,9.0f ex/s, %,d behind at the end -> %s%n",
          rate, window.producedRate(), trainedRate, behind, window.keptUp() ? "kept up" : "fell behind");
      windows.add(window);
      if (!window.keptUp()) {
        break;
      }
    }
    return windows;
  }

  /** Produces at {@code rate} for {@code nanos}; returns the examples sent. */
  private long produce(ExampleProducer producer, int rate, long nanos, String runId) {
    long deadline = System.nanoTime() + nanos;
    return new SyntheticIngest(task, task.environments(), producer, runId, training.seed + runId.hashCode())
        .run(0, rate, () -> System.nanoTime() < deadline);
  }

  /**
   * Waits until the served model covers everything produced, or its coverage has not grown for 5 s
   * (the balancer holds back a last partial batch), or the drain timeout passes.
   */
  private void drain(Backlog backlog, BalancedTraining pipeline) throws InterruptedException {
    progress.println("Waiting for the served model to cover what was produced...");
    long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
    long lastCovered = backlog.covered();
    long lastProgress = System.nanoTime();
    while (backlog.behind() > 0 && System.nanoTime() < deadline
        && (lastCovered == 0 || System.nanoTime() - lastProgress < TimeUnit.SECONDS.toNanos(5))) {
      pipeline.requireRunning();
      TimeUnit.MILLISECONDS.sleep(100);
      long covered = backlog.covered();
      if (covered != lastCovered) {
        lastCovered = covered;
        lastProgress = System.nanoTime();
      }
    }
  }
}
