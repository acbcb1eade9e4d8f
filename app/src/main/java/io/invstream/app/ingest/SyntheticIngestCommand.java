package io.invstream.app.ingest;

import io.invstream.app.cli.KafkaOptions;
import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.core.topic.TopicProvisioner;
import io.invstream.core.validation.ExampleValidator;
import io.invstream.datasets.synthetic.SpiralTask;
import io.invstream.ingest.producer.ExampleProducer;
import io.invstream.ingest.synthetic.SyntheticIngest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Produces the synthetic spirals-plus-shortcut task. */
@Command(name = "synthetic", mixinStandardHelpOptions = true,
    description = "Produce the synthetic task: an invariant spiral mechanism plus a per-environment shortcut.")
public final class SyntheticIngestCommand implements Callable<Integer> {

  @Mixin KafkaOptions kafka;
  @Mixin SyntheticTaskOptions taskOptions;
  @Mixin DriftInjectionOptions driftInjection;

  @Option(names = "--rate", defaultValue = "2000", description = "Examples per second over all environments; 0 = unpaced (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--count", defaultValue = "0", description = "Stop after this many examples; 0 = until Ctrl-C (default: ${DEFAULT-VALUE}).")
  long count;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the examples drawn (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    SpiralTask task = taskOptions.task();
    KafkaClientSettings settings = kafka.settings();
    AtomicBoolean running = new AtomicBoolean(true);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> running.set(false), "ingest-shutdown"));
    try (Admin admin = Admin.create(settings.common(Map.of()));
        ExampleProducer producer = new ExampleProducer(settings, kafka.topics(), new TopicProvisioner(admin, kafka.layout()),
            new ExampleValidator(task.config().featureCount(), 2), new SimpleMeterRegistry())) {
      String runId = UUID.randomUUID().toString().substring(0, 8);
      System.err.printf("Producing %s to %s.env.* at %s examples/s (run %s)%n", task.environments(), kafka.topics().prefix(),
          rate > 0 ? rate : "max", runId);
      driftInjection.injection().ifPresent(d -> System.err.printf("Drift: %s of %s after %.0f s.%n", d.kind(), d.environment(),
          d.after().toMillis() / 1000.0));
      long sent = new SyntheticIngest(task, task.environments(), producer, runId, seed, driftInjection.injection())
          .run(count, rate, running::get);
      System.out.println("Produced " + sent + " examples.");
    }
    return 0;
  }
}
