package io.invstream.app.deploy;

import static io.invstream.app.deploy.DeployFiles.list;
import static io.invstream.app.deploy.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.core.deadletter.DeadLetterCounter;
import io.invstream.core.validation.RejectReason;
import io.invstream.drift.DetectorKind;
import io.invstream.drift.DriftEvent;
import io.invstream.drift.DriftLevel;
import io.invstream.schemas.BatchReason;
import io.invstream.schemas.EnvironmentMetrics;
import io.invstream.schemas.Example;
import io.invstream.schemas.FeatureVectors;
import io.invstream.schemas.PairMetrics;
import io.invstream.schemas.TrainingMetrics;
import io.invstream.topology.metrics.BalancerMetrics;
import io.invstream.trainer.session.DriftMeters;
import io.invstream.trainer.session.DriftSettings;
import io.invstream.trainer.session.DriftWatch;
import io.invstream.trainer.session.SessionStep;
import io.invstream.trainer.session.TrainerMeters;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every query of the Grafana dashboard names metrics, and labels of those metrics, that the code
 * exports: the names come from a Prometheus scrape of the real meter classes (trainer, drift,
 * balancer, dead letters), not from a list kept by hand.
 */
class GrafanaDashboardTest {

  private static final Pattern SELECTOR = Pattern.compile("(invstream_[a-z_]+)(\\{([^}]*)})?");
  private static final Pattern MATCHER = Pattern.compile("(\\w+)\\s*(=~|!~|!=|=)");
  private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
  private static final Pattern LEGEND = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");

  private static final Map<String, Set<String>> exported = new HashMap<>();

  @BeforeAll
  static void scrapeTheCodesMeters() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    TrainerMeters trainer = new TrainerMeters(registry, "default", "andmask");
    trainer.record(TrainingMetrics.newBuilder().setModelName("default").setAlgorithm("andmask").setStep(1).setModelVersion(1)
        .setBatchId("b").setTimestamp(Instant.EPOCH).setEnvironments(List.of(new EnvironmentMetrics("env-00", 64, 0.5, 0.8, false),
            new EnvironmentMetrics("test-00", 64, 0.6, 0.7, true)))
        .setConsistency(Map.of("agreement", 0.4, "gradientNorm", 2.0)).setPairs(List.of(new PairMetrics("env-00", "env-01", 0.3))).build(),
        "applied");
    trainer.published(1);
    DriftMeters drift = new DriftMeters(registry, "default");
    drift.record(new DriftEvent("env-00", 0, DetectorKind.KS, DriftLevel.DRIFT, 0.3, 0.1, 1, 0));
    DriftWatch watch = new DriftWatch(DriftSettings.defaults(), 1, 2);
    Example example = Example.newBuilder().setEnvironment("env-00").setId("1").setEventTime(Instant.EPOCH)
        .setFeatures(FeatureVectors.encode(new float[] {1f})).setLabel(0).build();
    watch.observe(List.of(example), new SessionStep("b", null, List.of(), 0, Map.of()), 1);
    drift.levels(watch);
    BalancerMetrics balancer = new BalancerMetrics(Clock.systemUTC());
    balancer.bindTo(registry);
    balancer.batch(BatchReason.FULL);
    balancer.examples("env-00", false, 64);
    balancer.buffered("env-00", 3);
    balancer.seen("env-00", 0);
    balancer.dropped("env-00", RejectReason.OVERFLOW);
    balancer.joined("env-00");
    new DeadLetterCounter(registry, "balancer").increment(RejectReason.OVERFLOW);
    for (String line : registry.scrape().split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher sample = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})?").matcher(line);
      if (sample.lookingAt()) {
        Set<String> labels = exported.computeIfAbsent(sample.group(1), n -> new HashSet<>());
        if (sample.group(3) != null) {
          Matcher label = Pattern.compile("(\\w+)=\"").matcher(sample.group(3));
          while (label.find()) {
            labels.add(label.group(1));
          }
        }
      }
    }
  }

  private static List<Map<String, Object>> queries() {
    Map<String, Object> dashboard = DeployFiles.load("deploy/grafana/dashboards/invstream.json");
    List<Map<String, Object>> queries = new ArrayList<>();
    for (Object panel : list(dashboard.get("panels"))) {
      Object targets = map(panel).get("targets");
      if (targets != null) {
        list(targets).forEach(t -> queries.add(map(t)));
      }
    }
    list(map(dashboard.get("annotations")).get("list")).forEach(a -> queries.add(map(a)));
    for (Object variable : list(map(dashboard.get("templating")).get("list"))) {
      String definition = String.valueOf(map(variable).get("definition"));
      queries.add(Map.of("expr", definition.replaceAll("label_values\\((\\w+),\\s*(\\w+)\\)", "$1{$2=\"\"}")));
    }
    return queries;
  }

  @Test
  void theScrapeHoldsTheMetersThePanelsAreAbout() {
    assertThat(exported).containsKeys("invstream_trainer_loss", "invstream_trainer_accuracy", "invstream_trainer_consistency",
        "invstream_trainer_gradient_cosine", "invstream_trainer_model_version", "invstream_drift_events_total", "invstream_drift_level",
        "invstream_balancer_batches_total", "invstream_balancer_buffered", "invstream_balancer_lag_milliseconds",
        "invstream_dead_letters_total");
  }

  @Test
  void everyQueryUsesExportedMetricsAndLabels() {
    List<Map<String, Object>> queries = queries();
    assertThat(queries).hasSizeGreaterThan(20);
    for (Map<String, Object> query : queries) {
      String expr = String.valueOf(query.get("expr"));
      Set<String> available = new HashSet<>();
      Matcher selector = SELECTOR.matcher(expr);
      boolean any = false;
      while (selector.find()) {
        any = true;
        String name = selector.group(1);
        assertThat(exported).as("metric in %s", expr).containsKey(name);
        available.addAll(exported.get(name));
        if (selector.group(3) != null) {
          Matcher matcher = MATCHER.matcher(selector.group(3));
          while (matcher.find()) {
            assertThat(exported.get(name)).as("label %s of %s in %s", matcher.group(1), name, expr).contains(matcher.group(1));
          }
        }
      }
      assertThat(any).as("an invstream metric in %s", expr).isTrue();
      Matcher grouping = GROUPING.matcher(expr);
      while (grouping.find()) {
        for (String label : grouping.group(1).split(",")) {
          assertThat(available).as("grouping label in %s", expr).contains(label.strip());
        }
      }
      Matcher legend = LEGEND.matcher(String.valueOf(query.getOrDefault("legendFormat", "")) + query.getOrDefault("textFormat", ""));
      while (legend.find()) {
        assertThat(available).as("legend label in %s", expr).contains(legend.group(1));
      }
    }
  }
}
