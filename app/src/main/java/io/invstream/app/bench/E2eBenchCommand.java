package io.invstream.app.bench;

import io.invstream.app.balance.DurationConverter;
import io.invstream.app.ingest.SyntheticTaskOptions;
import io.invstream.app.train.TrainingOptions;
import io.invstream.broker.BrokerSettings;
import io.invstream.broker.EmbeddedKafkaBroker;
import io.invstream.core.kafka.KafkaClientSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code invstream bench e2e}: sustained throughput, example-to-model latency and peak memory of the whole pipeline. */
@Command(name = "e2e", mixinStandardHelpOptions = true,
    description = {"Run the demo's pipeline (synthetic producers -> balancer -> trainer -> models topic -> model subscriber)",
        "on an embedded broker, stepping the producer rate up; report the highest rate the served model keeps up with,",
        "the latency from producing an example to the first served model trained past it (p50/p99), and peak RSS."})
public final class E2eBenchCommand implements Callable<Integer> {

  @Mixin TrainingOptions training;
  @Mixin SyntheticTaskOptions task;

  @Spec CommandSpec spec;

  @Option(names = "--rates", split = ",", defaultValue = "5000,10000,20000,40000",
      description = "Producer rates to step through, examples/s, ascending (default: ${DEFAULT-VALUE}).")
  List<Integer> rates;

  @Option(names = "--step-seconds", defaultValue = "20", description = "Seconds at each rate (default: ${DEFAULT-VALUE}).")
  int stepSeconds;

  @Option(names = "--warmup-seconds", defaultValue = "15", description = "Unmeasured seconds at the first rate (default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(names = "--max-backlog-seconds", defaultValue = "2",
      description = "A rate kept up if the served model's coverage grew at 95% of the produced rate and at the end trailed "
          + "by at most this much production (default: ${DEFAULT-VALUE}).")
  double maxBacklogSeconds;

  @Option(names = "--drain-seconds", defaultValue = "60",
      description = "Longest wait after the last step for the served model to catch up (default: ${DEFAULT-VALUE}).")
  int drainSeconds;

  @Option(names = "--k", defaultValue = "64", description = "Examples per environment in each batch (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--publish-every", defaultValue = "250ms", converter = DurationConverter.class,
      description = "The trainer commits and publishes a model at least this often (default: ${DEFAULT-VALUE}; "
          + "the trainer's own default of 2s puts latency above 2 s by itself).")
  Duration publishEvery;

  @Option(names = "--publish-every-steps", defaultValue = "1000",
      description = "... or after this many steps (default: ${DEFAULT-VALUE}).")
  int publishEverySteps;

  @Option(names = "--json", description = "Also print the figures as one JSON object on the last line.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    training.useDemoDefaults();
    training.validate();
    E2eSettings settings = new E2eSettings(rates, Duration.ofSeconds(stepSeconds), Duration.ofSeconds(warmupSeconds),
        Duration.ofMillis(Math.round(maxBacklogSeconds * 1000)), Duration.ofSeconds(drainSeconds), k, publishEvery,
        publishEverySteps);
    E2eResult result;
    System.err.println("Starting an embedded Kafka broker...");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.ephemeral())) {
      result = new E2eBenchmark(settings, task.task(), training, System.err).run(KafkaClientSettings.of(broker.bootstrapServers()));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(result.table());
    if (json) {
      out.println(result.json());
    }
    out.flush();
    return 0;
  }
}
