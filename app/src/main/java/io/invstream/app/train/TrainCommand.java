package io.invstream.app.train;

import io.invstream.app.cli.CodeVersion;
import io.invstream.app.cli.KafkaOptions;
import io.invstream.app.console.StatusLine;
import io.invstream.app.dashboard.DashboardServer;
import io.invstream.app.dashboard.HttpOptions;
import io.invstream.app.dashboard.TrainingHistory;
import io.invstream.core.topic.TopicProvisioner;
import io.invstream.trainer.service.TrainerService;
import io.invstream.trainer.service.TrainerServiceConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the Kafka trainer with the live page until Ctrl-C. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train on the balanced batches of <prefix>.batches; publish metrics to <prefix>.metrics and model",
        "updates to <prefix>.models and drift events to <prefix>.drift, exactly once. Serves the live page and /metrics."})
public final class TrainCommand implements Callable<Integer> {

  @Mixin KafkaOptions kafka;
  @Mixin TrainingOptions training;
  @Mixin HttpOptions http;
  @Mixin DriftOptions drift;

  @Option(names = "--publish-every-steps", defaultValue = "50", description = "Publish a model (and commit) every N steps (default: ${DEFAULT-VALUE}).")
  int publishEverySteps;

  @Option(names = "--publish-every-seconds", defaultValue = "2", description = "... or every T seconds, whichever first (default: ${DEFAULT-VALUE}).")
  double publishEverySeconds;

  @Option(names = "--publish-if-better", description = "Publish a serving model only when its selection accuracy (held-out if any, "
      + "else prequential) beats every earlier one; checkpoints are still written at every commit.")
  boolean publishIfBetter;

  @Option(names = "--max-message-bytes", defaultValue = "1048576",
      description = "Model updates larger than this are split into chunks (default: ${DEFAULT-VALUE}).")
  int maxMessageBytes;

  @Option(names = "--max-consecutive-failures", defaultValue = "5",
      description = "Non-finite steps in a row before rolling back to the last checkpoint (default: ${DEFAULT-VALUE}).")
  int maxConsecutiveFailures;

  @Option(names = "--status-every-seconds", defaultValue = "10", description = "Progress line interval (default: ${DEFAULT-VALUE}).")
  double statusEverySeconds;

  @Override
  public Integer call() throws InterruptedException {
    training.validate();
    try (Admin admin = Admin.create(kafka.settings().common(Map.of()))) {
      new TopicProvisioner(admin, kafka.layout()).ensurePipelineTopics(kafka.topics(), List.of());
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    TrainingHistory history = new TrainingHistory();
    TrainerServiceConfig config = TrainerServiceConfig.defaults(training.modelName, CodeVersion.current())
        .withPublishing(publishEverySteps, Duration.ofMillis((long) (publishEverySeconds * 1000)), publishIfBetter)
        .withLimits(maxMessageBytes, maxConsecutiveFailures).withSeed(training.seed)
        .withDrift(drift.settings());
    try (DashboardServer dashboard = new DashboardServer(http.host, http.port, history, registry);
        TrainerService trainer = TrainerService.start(kafka.settings(), kafka.topics(), config, training::session,
            training.modelName, training.algorithm, registry, history.listener())) {
      Runtime.getRuntime().addShutdownHook(new Thread(trainer::close, "trainer-shutdown"));
      System.err.println("Training '" + training.modelName + "' with " + training.algorithm + " on " + kafka.topics().batches().name()
          + "; live page " + dashboard.url() + ", metrics " + dashboard.url() + "metrics. Ctrl-C stops.");
      long start = System.nanoTime();
      while (trainer.isRunning()) {
        Thread.sleep((long) (statusEverySeconds * 1000));
        System.err.println(StatusLine.of(trainer.snapshot(), (System.nanoTime() - start) / 1e9));
      }
      if (trainer.failure().isPresent()) {
        throw new IllegalStateException(trainer.failure().get().getMessage(), trainer.failure().get());
      }
    }
    return 0;
  }
}
