package io.invstream.app.bench;

import io.invstream.core.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The figures of one end-to-end run: every step, the sustained rate (the highest step that kept
 * up), its latencies, and the peak memory of the one process everything ran in.
 */
record E2eResult(E2eSettings settings, List<StepResult> steps, double peakRssMib, int versionsServed, long versionsRejected,
    long trainerSteps, Map<String, Double> cpuShares, RunContext context) {

  static final double GOAL_EXAMPLES_PER_SEC = 20_000;
  static final double GOAL_P99_MILLIS = 2_000;
  static final double GOAL_RSS_MIB = 1_536;

  /** The highest step that kept up. */
  Optional<StepResult> sustained() {
    return steps.stream().filter(StepResult::keptUp).reduce((first, second) -> second);
  }

  String table() {
    StringBuilder out = new StringBuilder();
    out.append(String.format("%10s %12s %12s %10s %8s %9s %9s %9s %10s %9s%n", "target/s", "produced/s", "trained/s",
        "behind", "kept up", "p50 ms", "p99 ms", "max ms", "examples", "uncovered"));
    for (StepResult s : steps) {
      out.append(String.format("%,10d %,12.0f %,12.0f %,10d %8s %9s %9s %9s %,10d %,9d%n", s.targetRate(), s.producedRate(),
          s.trainedRate(), s.backlog(), s.keptUp() ? "yes" : "NO", millis(s.latency().p50Millis()),
          millis(s.latency().p99Millis()), millis(s.latency().maxMillis()), s.latency().examples(), s.latency().uncovered()));
    }
    Optional<StepResult> best = sustained();
    Optional<StepResult> goal = atGoalRate();
    out.append(String.format("Sustained: %s examples/s (goal >= %,.0f), latency there p50 %s ms, p99 %s ms | at %s/s: p99 %s ms "
            + "(goal <= %,.0f) | peak RSS %,.0f MiB, one JVM: broker + balancer + trainer + producer + subscriber (goal <= %,.0f)%n",
        best.map(s -> String.format("%,.0f", s.producedRate())).orElse("none"), GOAL_EXAMPLES_PER_SEC,
        best.map(s -> millis(s.latency().p50Millis())).orElse("-"), best.map(s -> millis(s.latency().p99Millis())).orElse("-"),
        goal.map(s -> String.format("%,d", s.targetRate())).orElse(String.format("%,.0f", GOAL_EXAMPLES_PER_SEC)),
        goal.map(s -> millis(s.latency().p99Millis())).orElse("- (not kept up)"), GOAL_P99_MILLIS, peakRssMib, GOAL_RSS_MIB));
    out.append(String.format("%d model versions served (%d rejected), %d trainer steps; %d environments x %d features, %s %s, "
            + "k=%d, publish every %d ms; %d cores, load average %.1f before, %.1f after%n", versionsServed, versionsRejected,
        trainerSteps, context.environments(), context.features(), context.algorithm(), context.model(),
        settings.examplesPerEnvironment(), settings.publishEvery().toMillis(), context.cores(), context.loadBefore(),
        context.loadAfter()));
    out.append("CPU during the steps, share of all cores: ").append(cpuShares.entrySet().stream()
        .map(e -> String.format("%s %.0f%%", e.getKey(), 100 * e.getValue())).collect(java.util.stream.Collectors.joining(", ")))
        .append(System.lineSeparator());
    return out.toString();
  }

  /** The step at the goal's rate: the lowest step of at least 20,000 examples/s that kept up. */
  Optional<StepResult> atGoalRate() {
    return steps.stream().filter(s -> s.keptUp() && s.targetRate() >= GOAL_EXAMPLES_PER_SEC).findFirst();
  }

  String json() {
    Optional<StepResult> best = sustained();
    Optional<StepResult> goal = atGoalRate();
    double rate = best.map(StepResult::producedRate).orElse(0.0);
    double goalP99 = goal.map(s -> s.latency().p99Millis()).orElse(Double.NaN);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("examplesPerSec", Math.round(rate));
    out.put("latencyP50Ms", best.map(s -> s.latency().p50Millis()).orElse(Double.NaN));
    out.put("latencyP99Ms", best.map(s -> s.latency().p99Millis()).orElse(Double.NaN));
    out.put("peakRssMb", Math.round(peakRssMib));
    out.put("sustainedTargetRate", best.map(StepResult::targetRate).orElse(0));
    out.put("goalRate", goal.map(StepResult::targetRate).orElse(0));
    out.put("latencyP50AtGoalRateMs", goal.map(s -> s.latency().p50Millis()).orElse(Double.NaN));
    out.put("latencyP99AtGoalRateMs", goalP99);
    Map<String, Object> goals = new LinkedHashMap<>();
    goals.put("examplesPerSec", rate >= GOAL_EXAMPLES_PER_SEC);
    goals.put("latencyP99AtGoalRate", goalP99 <= GOAL_P99_MILLIS);
    goals.put("peakRss", peakRssMib > 0 && peakRssMib <= GOAL_RSS_MIB);
    out.put("goalsMet", goals);
    out.put("processes", "one JVM: embedded broker, balancer, trainer, producer, subscriber");
    out.put("steps", steps.stream().map(E2eResult::step).toList());
    out.put("cpuShares", cpuShares);
    out.put("versionsServed", versionsServed);
    out.put("trainerSteps", trainerSteps);
    out.put("algorithm", context.algorithm());
    out.put("model", context.model());
    out.put("environments", context.environments());
    out.put("features", context.features());
    out.put("cores", context.cores());
    out.put("loadAverageBefore", context.loadBefore());
    out.put("loadAverageAfter", context.loadAfter());
    out.put("k", settings.examplesPerEnvironment());
    out.put("publishEveryMs", settings.publishEvery().toMillis());
    out.put("stepSeconds", settings.stepDuration().toSeconds());
    return Json.write(out);
  }

  private static Map<String, Object> step(StepResult s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("targetRate", s.targetRate());
    out.put("producedRate", Math.round(s.producedRate()));
    out.put("trainedRate", Math.round(s.trainedRate()));
    out.put("behind", s.backlog());
    out.put("behindSeconds", Math.round(s.backlogSeconds() * 100) / 100.0);
    out.put("keptUp", s.keptUp());
    out.put("latencyP50Ms", s.latency().p50Millis());
    out.put("latencyP99Ms", s.latency().p99Millis());
    out.put("latencyMaxMs", s.latency().maxMillis());
    out.put("examples", s.latency().examples());
    out.put("uncovered", s.latency().uncovered());
    return out;
  }

  private static String millis(double value) {
    return Double.isNaN(value) ? "-" : Double.isInfinite(value) ? "inf" : String.format("%,.0f", value);
  }
}
