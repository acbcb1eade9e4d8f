package io.invstream.app.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes {@code report.md}: the goals, then per data set its protocol, a table of every algorithm
 * under each selection rule, the plots, exactly what was not run and why, and the commands that
 * reproduce each run.
 */
final class ReportWriter {

  /**
   * Runs the report has no result for.
   *
   * @param failures per data set, algorithm → why its run failed
   * @param pending per data set, the runs with no run file yet ({@code --report-only})
   */
  record Gaps(Map<String, Map<String, String>> failures, Map<String, List<String>> pending) {}

  private ReportWriter() {}

  /**
   * @param results per data set (protocol order), per algorithm, its runs
   * @param gaps runs that failed or were not made
   * @param registered algorithms this build registers
   */
  static void write(Path folder, List<DatasetProtocol> protocols, Map<String, Map<String, MethodRow>> results,
      Gaps gaps, Set<String> registered, List<Long> seeds, String codeVersion)
      throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Experiment results\n\n");
    md.append("Written by `invstream experiment` (code version ").append(codeVersion).append("), seeds ")
        .append(seeds).append(". Algorithms registered in this build: ").append(registered).append(".\n\n");
    md.append("How to read the numbers:\n\n");
    md.append("- **test** = accuracy on the held-out environment(s), all of their examples; never trained on.\n");
    md.append("- **last step** = the model after the final step (the rule of the IRM and Decoy-MNIST protocols).\n");
    md.append("- **training-domain validation** (DomainBed's default rule; the step is in brackets) = the evaluated"
        + " step with the best mean accuracy on the training environments' validation splits.\n");
    md.append("- **test-domain oracle** = the evaluated step with the best test accuracy. It looks at the test"
        + " environment: an upper reference, never a result.\n");
    md.append("- **worst env** = lowest accuracy over the training environments' validation splits and the held-out"
        + " environments, for the validation-selected model.\n");
    md.append("- **train** = accuracy on each training environment's training part after the last step.\n\n");
    goals(md, results, registered);
    for (DatasetProtocol protocol : protocols) {
      dataset(md, protocol, results.getOrDefault(protocol.dataset(), Map.of()), gaps, registered);
    }
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("report.md"), md.toString(), StandardCharsets.UTF_8);
  }

  private static void goals(StringBuilder md, Map<String, Map<String, MethodRow>> results, Set<String> registered) {
    md.append("## Goals\n\n| goal | measured | status |\n| --- | --- | --- |\n");
    for (Goals.Check check : Goals.check(results, registered)) {
      md.append("| ").append(check.goal()).append(" | ").append(check.measured()).append(" | ").append(check.status())
          .append(" |\n");
    }
    md.append('\n');
  }

  private static void dataset(StringBuilder md, DatasetProtocol protocol, Map<String, MethodRow> rows, Gaps gaps,
      Set<String> registered) {
    String name = protocol.dataset();
    md.append("## ").append(name).append("\n\n");
    md.append("Protocol: `invstream replay ").append(String.join(" ", protocol.arguments()))
        .append(" --algorithm A [--hp ...] --seed S`\n\n");
    if (!rows.isEmpty()) {
      md.append("| algorithm | hyperparameters | train (last step) | test, last step | test, training-domain validation"
          + " (step) | worst env (validation-selected) | test-domain oracle |\n");
      md.append("| --- | --- | --- | --- | --- | --- | --- |\n");
      rows.forEach((algorithm, row) -> md.append(row(protocol, row)));
      md.append("\n![test accuracy on ").append(name).append("](plots/").append(name).append("-test-accuracy.png)\n\n");
      md.append("Accuracy over steps: ").append(rows.values().stream().flatMap(r -> r.runs().stream())
          .map(run -> "[" + run.run().algorithm() + " seed " + run.run().seed() + "](plots/" + curveName(run) + ")")
          .collect(Collectors.joining(", "))).append("\n\n");
    }
    notRun(md, protocol, rows, gaps, registered);
    md.append("Commands:\n\n```sh\n");
    rows.values().stream().flatMap(r -> r.runs().stream())
        .forEach(run -> md.append("./invstream replay ").append(String.join(" ", run.run().arguments())).append('\n'));
    md.append("```\n\n");
  }

  private static String row(DatasetProtocol protocol, MethodRow row) {
    String hyperparameters = row.runs().get(0).hyperparameters().entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    String source = protocol.hyperparameters(row.algorithm()).isEmpty() ? " (defaults)" : "";
    String train = row.lastTrain().entrySet().stream().map(e -> e.getKey() + " " + e.getValue().percent())
        .collect(Collectors.joining(", "));
    String steps = row.runs().stream().map(r -> Long.toString(r.selectedStep())).collect(Collectors.joining(", "));
    return "| " + row.algorithm() + " | " + (hyperparameters.isEmpty() ? "-" : hyperparameters) + source + " | " + train
        + " | " + row.lastTest().percent() + " | " + row.selectedTest().percent() + " (" + steps + ") | "
        + row.selectedWorst().percent() + " | " + row.oracleTest().percent() + " |\n";
  }

  private static void notRun(StringBuilder md, DatasetProtocol protocol, Map<String, MethodRow> rows, Gaps gaps,
      Set<String> registered) {
    List<String> excluded = registered.stream().filter(a -> !protocol.runs(a) && !rows.containsKey(a)).toList();
    if (!excluded.isEmpty() && !protocol.excluded().isEmpty()) {
      md.append("Not run here: ").append(excluded).append(protocol.exclusionReason().isEmpty() ? ""
          : " (" + protocol.exclusionReason() + ")").append(".\n\n");
    } else if (!excluded.isEmpty()) {
      md.append("Not run here: ").append(excluded).append(" (the protocol runs only ").append(protocol.only())
          .append(").\n\n");
    }
    List<String> unregistered = protocol.hyperparameters().keySet().stream().filter(a -> !registered.contains(a)).sorted()
        .toList();
    if (!unregistered.isEmpty()) {
      md.append("Protocol lines for algorithms this build does not register (they run once merged): ")
          .append(unregistered).append(".\n\n");
    }
    gaps.failures().getOrDefault(protocol.dataset(), Map.of()).forEach((algorithm, why) -> md.append("**")
        .append(algorithm).append(" failed**: ").append(why).append("\n\n"));
    List<String> pending = gaps.pending().getOrDefault(protocol.dataset(), List.of());
    if (!pending.isEmpty()) {
      md.append("Not run yet (no run file with these arguments; `invstream experiment` without `--report-only`"
          + " makes them): ").append(pending).append(".\n\n");
    }
  }

  /** File name of a run's curve plot under {@code plots/}. */
  static String curveName(RunResult run) {
    return run.run().protocol().dataset() + "-" + run.run().algorithm() + "-seed" + run.run().seed() + ".png";
  }
}
