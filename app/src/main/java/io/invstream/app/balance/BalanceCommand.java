package io.invstream.app.balance;

import io.invstream.app.cli.KafkaOptions;
import io.invstream.core.topic.TopicProvisioner;
import io.invstream.topology.BalancerConfig;
import io.invstream.topology.BalancerService;
import io.invstream.topology.StarvationPolicy;
import io.invstream.topology.TimeMode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code invstream balance}: the balancer as a standalone process until Ctrl-C. */
@Command(name = "balance", mixinStandardHelpOptions = true,
    description = "Cut environment-balanced batches from <prefix>.env.* into <prefix>.batches (Kafka Streams, exactly-once) "
        + "until Ctrl-C. Instances with the same --application-id share the work.")
public final class BalanceCommand implements Callable<Integer> {

  @Mixin KafkaOptions kafka;

  @Option(names = "--application-id", defaultValue = BalancerConfig.DEFAULT_APPLICATION_ID,
      description = "Kafka Streams application id; instances sharing it split the partitions (default: ${DEFAULT-VALUE}).")
  String applicationId;

  @Option(names = "--k", defaultValue = "32", description = "Examples per environment in a full batch (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--quota", paramLabel = "ENV=K", description = "Per-environment quota overriding --k; repeatable.")
  Map<String, Integer> quotas = Map.of();

  @Option(names = "--policy", defaultValue = "WAIT",
      description = "Short environments: WAIT up to --max-wait, then emit what is there; REPLAY their share from the reservoir "
          + "at --max-wait; PARTIAL: do not wait for empty ones. One of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  StarvationPolicy policy;

  @Option(names = "--max-wait", defaultValue = "1s", converter = DurationConverter.class,
      description = "Longest a batch waits for short environments (default: ${DEFAULT-VALUE}).")
  Duration maxWait;

  @Option(names = "--idle-timeout", defaultValue = "60s", converter = DurationConverter.class,
      description = "Retire an environment silent this long: no longer listed missing (default: ${DEFAULT-VALUE}).")
  Duration idleTimeout;

  @Option(names = "--time-mode", defaultValue = "WALL_CLOCK",
      description = "Clock of deadlines: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  TimeMode timeMode;

  @Option(names = "--grace", defaultValue = "5s", converter = DurationConverter.class,
      description = "EVENT_TIME only: how late an example may be (default: ${DEFAULT-VALUE}).")
  Duration grace;

  @Option(names = "--reservoir-size", defaultValue = "256", description = "Examples kept per environment for replay (default: ${DEFAULT-VALUE}).")
  int reservoirSize;

  @Option(names = "--class-balance", defaultValue = "false", description = "Split each quota evenly over --classes.")
  boolean classBalance;

  @Option(names = "--classes", defaultValue = "0", description = "Number of classes; 0 accepts any label (default: ${DEFAULT-VALUE}).")
  int classes;

  @Option(names = "--feature-count", defaultValue = "0", description = "Expected features; 0 learns it from the first example (default: ${DEFAULT-VALUE}).")
  int featureCount;

  @Option(names = "--min-environments", defaultValue = "1", description = "Environments a batch needs at least (default: ${DEFAULT-VALUE}).")
  int minEnvironments;

  @Option(names = "--buffer-batches", defaultValue = "4", description = "Quotas each environment may buffer (default: ${DEFAULT-VALUE}).")
  int bufferBatches;

  @Option(names = "--state-dir", paramLabel = "DIR", description = "Kafka Streams state directory (default: Kafka Streams' own).")
  Path stateDirectory;

  @Option(names = "--commit-interval", defaultValue = "100ms", converter = DurationConverter.class,
      description = "Transaction commit interval: batches become visible then (default: ${DEFAULT-VALUE}).")
  Duration commitInterval;

  @Option(names = "--discovery-interval", defaultValue = "10s", converter = DurationConverter.class,
      description = "How soon a new environment topic is noticed (default: ${DEFAULT-VALUE}).")
  Duration discoveryInterval;

  @Option(names = "--stream-threads", defaultValue = "1", description = "Kafka Streams threads (default: ${DEFAULT-VALUE}).")
  int streamThreads;

  @Option(names = "--seed", defaultValue = "17", description = "Seed of reservoir sampling and replay (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--metrics-port", defaultValue = "0", description = "Serve Prometheus metrics at :PORT/metrics; 0 turns it off (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(names = "--metrics-host", defaultValue = "127.0.0.1",
      description = "Address of /metrics; loopback by default since it has no authentication, 0.0.0.0 for a scraper on "
          + "another host or container (default: ${DEFAULT-VALUE}).")
  String metricsHost;

  /** The configuration these options describe. */
  BalancerConfig config() {
    return BalancerConfig.builder().topicPrefix(kafka.topics().prefix()).applicationId(applicationId).examplesPerEnvironment(k)
        .quotas(quotas).policy(policy).maxWait(maxWait).idleTimeout(idleTimeout).timeMode(timeMode).grace(grace)
        .reservoirSize(reservoirSize).classBalance(classBalance).classes(classes).featureCount(featureCount)
        .minEnvironments(minEnvironments).bufferBatches(bufferBatches).stateDirectory(stateDirectory)
        .commitInterval(commitInterval).discoveryInterval(discoveryInterval).streamThreads(streamThreads).seed(seed).build();
  }

  @Override
  public Integer call() throws InterruptedException {
    BalancerConfig config = config();
    try (Admin admin = Admin.create(kafka.settings().common(Map.of()))) {
      new TopicProvisioner(admin, kafka.layout()).ensurePipelineTopics(config.topics(), List.of());
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (MetricsEndpoint endpoint = metricsPort > 0 ? MetricsEndpoint.start(metricsHost, metricsPort, registry) : null;
        BalancerService service = BalancerService.start(kafka.settings(), config, registry)) {
      Runtime.getRuntime().addShutdownHook(new Thread(service::close, "balancer-shutdown"));
      System.out.println("Balancing " + config.topicPrefix() + ".env.* into " + config.topics().batches().name()
          + " as " + config.applicationId() + " (k=" + config.examplesPerEnvironment() + ", policy " + config.policy()
          + (endpoint != null ? ", metrics on " + metricsHost + ":" + endpoint.port() + "/metrics" : "") + "). Ctrl-C stops it.");
      service.awaitStopped();
      return service.state() == org.apache.kafka.streams.KafkaStreams.State.ERROR ? 1 : 0;
    }
  }
}
