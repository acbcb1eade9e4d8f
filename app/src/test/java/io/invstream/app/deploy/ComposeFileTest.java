package io.invstream.app.deploy;

import static io.invstream.app.deploy.DeployFiles.list;
import static io.invstream.app.deploy.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.app.cli.InvstreamCli;
import io.invstream.core.topic.Topics;
import io.invstream.datasets.synthetic.SpiralTask;
import io.invstream.datasets.synthetic.SpiralTaskConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so this keeps it consistent with the
 * code: every pipeline service's command parses with the real command line, and the broker
 * address, ports, hosts, topic prefix, Prometheus targets and Grafana provisioning agree.
 */
class ComposeFileTest {

  private static final List<String> PIPELINE = List.of("ingest", "balancer", "trainer");
  private static final String JAR = "./app/target/invstream.jar";

  private final Map<String, Object> services = map(DeployFiles.load("docker-compose.yml").get("services"));

  private Map<String, Object> service(String name) {
    return map(services.get(name));
  }

  /** The innermost command's parse result of a service's command line. */
  private ParseResult parsed(String name) {
    List<String> command = list(service(name).get("command")).stream().map(String::valueOf).toList();
    ParseResult result = new CommandLine(new InvstreamCli()).parseArgs(command.toArray(String[]::new));
    while (result.hasSubcommand()) {
      result = result.subcommand();
    }
    return result;
  }

  private static String option(ParseResult result, String name) {
    return String.valueOf(result.commandSpec().findOption(name).<Object>getValue());
  }

  @Test
  void namesTheBrokerThePipelineAndItsMonitoring() {
    assertThat(services).containsKeys("kafka", "ingest", "balancer", "trainer", "prometheus", "grafana");
    assertThat(String.valueOf(service("kafka").get("image"))).startsWith("apache/kafka:");
    assertThat(map(service("kafka").get("environment"))).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
  }

  @Test
  void pipelineServicesRunTheBuiltJarOnAJava17Jre() throws IOException {
    String launcher = Files.readString(DeployFiles.root().resolve("invstream"));
    assertThat(launcher).as("the jar ./mvnw package builds").contains(JAR.substring(1));
    for (String name : PIPELINE) {
      Map<String, Object> service = service(name);
      assertThat(String.valueOf(service.get("image"))).as(name).startsWith("eclipse-temurin:17");
      String mount = list(service.get("volumes")).stream().map(String::valueOf).filter(v -> v.startsWith(JAR + ":")).findFirst()
          .orElseThrow(() -> new AssertionError(name + " does not mount " + JAR));
      String inside = mount.split(":")[1];
      List<Object> entrypoint = list(service.get("entrypoint"));
      assertThat(entrypoint).as(name).containsSubsequence("-jar", inside);
      assertThat(map(map(service.get("depends_on")).get("kafka"))).containsEntry("condition", "service_healthy");
    }
  }

  @Test
  void everyCommandParsesAndUsesTheInternalListenerAndTheDefaultTopicPrefix() {
    String advertised = String.valueOf(map(service("kafka").get("environment")).get("KAFKA_ADVERTISED_LISTENERS"));
    for (String name : PIPELINE) {
      ParseResult command = parsed(name);
      assertThat(advertised).as(name + " --bootstrap-server").contains("://" + option(command, "--bootstrap-server"));
      assertThat(option(command, "--topic-prefix")).as(name).isEqualTo(Topics.DEFAULT_PREFIX);
    }
    assertThat(parsed("ingest").commandSpec().qualifiedName()).isEqualTo("invstream ingest synthetic");
    assertThat(parsed("balancer").commandSpec().name()).isEqualTo("balance");
    assertThat(parsed("trainer").commandSpec().name()).isEqualTo("train");
  }

  @Test
  void theTrainersHeldOutEnvironmentIsOneTheSourceProducesAndTheBatchesFitTheSource() {
    ParseResult ingest = parsed("ingest");
    SpiralTask task = SpiralTask.withEnvironments(SpiralTaskConfig.defaults(0), Integer.parseInt(option(ingest, "--environments")),
        Integer.parseInt(option(ingest, "--held-out")));
    ParseResult trainer = parsed("trainer");

    assertThat(task.heldOutEnvironments()).containsAll(trainer.matchedOptionValue("--test-env", List.<String>of()));
    assertThat(trainer.matchedOptionValue("--test-env", List.<String>of())).isNotEmpty();
    assertThat(task.environments()).contains(option(ingest, "--drift-env"));
  }

  @Test
  void prometheusScrapesTheTrainerAndTheBalancerWhereTheyListen() {
    ParseResult trainer = parsed("trainer");
    ParseResult balancer = parsed("balancer");
    Set<String> targets = new HashSet<>();
    for (Object job : list(DeployFiles.load("deploy/prometheus.yml").get("scrape_configs"))) {
      assertThat(map(job).get("metrics_path")).isIn(null, "/metrics");
      for (Object config : list(map(job).get("static_configs"))) {
        list(map(config).get("targets")).forEach(t -> targets.add(String.valueOf(t)));
      }
    }

    assertThat(targets).containsExactlyInAnyOrder("trainer:" + option(trainer, "--http-port"), "balancer:" + option(balancer, "--metrics-port"));
    assertThat(option(trainer, "--http-host")).as("reachable from the prometheus container").isEqualTo("0.0.0.0");
    assertThat(option(balancer, "--metrics-host")).as("reachable from the prometheus container").isEqualTo("0.0.0.0");
    assertThat(list(service("prometheus").get("volumes"))).contains("./deploy/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
    assertThat(list(service("trainer").get("ports"))).contains(option(trainer, "--http-port") + ":" + option(trainer, "--http-port"));
  }

  @Test
  void grafanaIsProvisionedWithThePrometheusDatasourceAndTheDashboard() {
    Map<String, Object> datasource = map(list(DeployFiles.load("deploy/grafana/provisioning/datasources/prometheus.yml").get("datasources")).get(0));
    Map<String, Object> provider = map(list(DeployFiles.load("deploy/grafana/provisioning/dashboards/invstream.yml").get("providers")).get(0));
    List<String> volumes = list(service("grafana").get("volumes")).stream().map(String::valueOf).toList();
    Map<String, Object> dashboard = DeployFiles.load("deploy/grafana/dashboards/invstream.json");

    assertThat(list(service("prometheus").get("ports"))).contains("9090:9090");
    assertThat(datasource).containsEntry("url", "http://prometheus:9090").containsEntry("type", "prometheus");
    assertThat(volumes).contains("./deploy/grafana/provisioning:/etc/grafana/provisioning:ro",
        "./deploy/grafana/dashboards:" + map(provider.get("options")).get("path") + ":ro");
    List<Object> uids = new ArrayList<>();
    for (Object panel : list(dashboard.get("panels"))) {
      if (map(panel).get("targets") != null) {
        uids.add(map(map(panel).get("datasource")).get("uid"));
      }
    }
    assertThat(uids).isNotEmpty().containsOnly(datasource.get("uid"));
  }
}
