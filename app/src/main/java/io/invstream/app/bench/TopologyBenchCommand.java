package io.invstream.app.bench;

import io.invstream.app.cli.KafkaOptions;
import io.invstream.broker.BrokerSettings;
import io.invstream.broker.EmbeddedKafkaBroker;
import io.invstream.core.kafka.KafkaClientSettings;
import io.invstream.topology.bench.BenchmarkResult;
import io.invstream.topology.bench.BenchmarkSettings;
import io.invstream.topology.bench.TopologyBenchmark;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code invstream bench topology}: balancer against pass-through, same broker, same input, one run. */
@Command(name = "topology", mixinStandardHelpOptions = true,
    description = "Measure records/s through the balancer and through a pass-through topology on the same broker and input.")
public final class TopologyBenchCommand implements Callable<Integer> {

  @Mixin KafkaOptions kafka;

  @Spec CommandSpec spec;

  @Option(names = "--broker", defaultValue = "embedded",
      description = "embedded: start a broker in this process (nothing else needed); external: use --bootstrap-server "
          + "(default: ${DEFAULT-VALUE}).")
  String broker;

  @Option(names = "--environments", defaultValue = "4", description = "Environment topics (default: ${DEFAULT-VALUE}).")
  int environments;

  @Option(names = "--records-per-environment", defaultValue = "200000", description = "Records per environment (default: ${DEFAULT-VALUE}).")
  int recordsPerEnvironment;

  @Option(names = "--features", defaultValue = "64", description = "Floats per example (default: ${DEFAULT-VALUE}).")
  int features;

  @Option(names = "--k", defaultValue = "32", description = "Examples per environment per batch (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--rounds", defaultValue = "3", description = "Runs of each topology; medians are reported (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--timeout", defaultValue = "PT5M", description = "Longest one run may take, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--json", description = "Also print the figures as one JSON object on the last line.")
  boolean json;

  @Override
  public Integer call() {
    BenchmarkSettings shape = new BenchmarkSettings(environments, recordsPerEnvironment, features, k, rounds, timeout);
    BenchmarkResult result;
    if (broker.equals("embedded")) {
      try (EmbeddedKafkaBroker embedded = EmbeddedKafkaBroker.start(BrokerSettings.ephemeral())) {
        result = new TopologyBenchmark(kafka.settings().withBootstrapServers(embedded.bootstrapServers()), shape).run();
      }
    } else if (broker.equals("external")) {
      KafkaClientSettings settings = kafka.settings();
      result = new TopologyBenchmark(settings, shape).run();
    } else {
      throw new IllegalArgumentException("--broker must be embedded or external, got " + broker);
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
