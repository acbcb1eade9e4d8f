package io.invstream.app.demo;

import io.invstream.app.console.StatusLine;
import io.invstream.app.dashboard.DashboardServer;
import io.invstream.app.dashboard.HttpOptions;
import io.invstream.app.dashboard.TrainingHistory;
import io.invstream.app.ingest.DriftInjectionOptions;
import io.invstream.app.ingest.SyntheticTaskOptions;
import io.invstream.app.train.DriftOptions;
import io.invstream.app.train.TrainingOptions;
import io.invstream.broker.BrokerSettings;
import io.invstream.broker.EmbeddedKafkaBroker;
import io.invstream.core.json.Json;
import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.core.topic.Topics;
import io.invstream.datasets.synthetic.SpiralTask;
import io.invstream.trainer.service.TrainerSnapshot;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The whole pipeline in one process: an embedded KRaft broker, synthetic producers for the
 * training environments and a held-out one, the balancer, the trainer and the live page.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run the whole pipeline on an embedded broker: synthetic environments -> balancer -> trainer,",
        "with a live page and /metrics. The held-out environment's shortcut is reversed, so a model that",
        "learnt shortcuts fails there while one that learnt the shared mechanism does not.",
        "Demo defaults differ from train: --lr 0.01, --test-env test-00.",
        "--drift-after 30 shifts env-00 after 30 s: the live page then lists drift events."})
public final class DemoCommand implements Callable<Integer> {

  @Mixin TrainingOptions training;
  @Mixin SyntheticTaskOptions task;
  @Mixin HttpOptions http;
  @Mixin DriftOptions drift;
  @Mixin DriftInjectionOptions driftInjection;

  @Option(names = "--seconds", defaultValue = "0", description = "Stop after N seconds; 0 runs until Ctrl-C (default: ${DEFAULT-VALUE}).")
  long seconds;

  @Option(names = "--json", description = "Print one JSON summary object as the last line of standard output.")
  boolean json;

  @Option(names = "--k", defaultValue = "64", description = "Examples per environment in each batch (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--rate", defaultValue = "15000", description = "Examples produced per second over all environments (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--status-every-seconds", defaultValue = "5", description = "Progress line interval (default: ${DEFAULT-VALUE}).")
  double statusEverySeconds;

  @Override
  public Integer call() throws Exception {
    training.useDemoDefaults();
    training.validate();
    SpiralTask spirals = task.task();
    // Bad drift options fail here, before the broker starts.
    drift.settings();
    driftInjection.injection().filter(d -> !spirals.environments().contains(d.environment())).ifPresent(d -> {
      throw new IllegalArgumentException("--drift-env " + d.environment() + " is not one of " + spirals.environments());
    });
    Path stateDirectory = Files.createTempDirectory("invstream-demo-streams-");
    long start = System.nanoTime();
    System.err.println("Starting an embedded Kafka broker...");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.ephemeral())) {
      KafkaClientSettings settings = KafkaClientSettings.of(broker.bootstrapServers());
      Topics topics = new Topics(Topics.DEFAULT_PREFIX);
      return run(settings, topics, spirals, stateDirectory, start);
    }
  }

  private int run(KafkaClientSettings settings, Topics topics, SpiralTask spirals, Path stateDirectory, long start) throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    TrainingHistory history = new TrainingHistory();
    CountDownLatch interrupted = new CountDownLatch(1);
    Thread hook = new Thread(interrupted::countDown, "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (DashboardServer dashboard = new DashboardServer(http.host, http.port, history, registry)) {
      TrainerSnapshot done;
      try (SyntheticPipeline pipeline = new SyntheticPipeline(settings, topics, spirals, training, k, rate, stateDirectory,
          registry, history.listener(), drift.settings(), driftInjection.injection())) {
        System.err.printf("Pipeline running: %d training environments + %s held out, algorithm %s. Live page: %s  (metrics: %smetrics)%n",
            spirals.trainingEnvironments().size(), spirals.heldOutEnvironments(), training.algorithm, dashboard.url(), dashboard.url());
        driftInjection.injection().ifPresent(d -> System.err.printf("Drift: %s of %s after %.0f s.%n", d.kind(), d.environment(),
            d.after().toMillis() / 1000.0));
        long deadline = seconds > 0 ? start + TimeUnit.SECONDS.toNanos(seconds) : Long.MAX_VALUE;
        while (System.nanoTime() < deadline && pipeline.isRunning()
            && !interrupted.await(Math.min((long) (statusEverySeconds * 1000), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)),
                TimeUnit.MILLISECONDS)) {
          System.err.println(StatusLine.of(pipeline.snapshot(), (System.nanoTime() - start) / 1e9));
        }
        pipeline.close();
        if (pipeline.failure().isPresent()) {
          throw new IllegalStateException("The trainer stopped: " + pipeline.failure().get().getMessage(), pipeline.failure().get());
        }
        done = pipeline.snapshot();
      }
      if (json) {
        System.out.println(Json.write(summary(done, (System.nanoTime() - start) / 1e9)));
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Already shutting down: the hook is running.
      }
    }
    return 0;
  }

  private Map<String, Object> summary(TrainerSnapshot done, double elapsed) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("algorithm", training.algorithm);
    out.put("steps", done.steps());
    out.put("examples", done.examples());
    out.put("modelVersion", done.modelVersion());
    out.put("trainAccuracy", new java.util.TreeMap<>(done.trainAccuracy()));
    out.put("testAccuracy", done.testAccuracy());
    out.put("heldOutAccuracy", new java.util.TreeMap<>(done.heldOutAccuracy()));
    out.put("worstEnvAccuracy", done.worstTrainAccuracy());
    out.put("skippedSteps", done.skippedSteps());
    out.put("seconds", Math.round(elapsed * 10) / 10.0);
    return out;
  }
}
