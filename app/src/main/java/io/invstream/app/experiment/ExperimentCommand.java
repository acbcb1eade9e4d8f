package io.invstream.app.experiment;

import io.invstream.app.cli.CodeVersion;
import io.invstream.app.replay.ReplayCommand;
import io.invstream.app.replay.RunRecord;
import io.invstream.trainer.algorithm.AlgorithmRegistry;
import io.invstream.trainer.replay.ReplayListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Replays every registered algorithm on each data set's protocol, one run per seed, and writes the
 * report, the run files and the plots to one folder. A run whose file already holds the same
 * arguments is read back instead of run again, so an interrupted experiment resumes and runs made
 * separately with {@code replay --save-run} are collected.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run ERM and every invariance method registered in this build on each data set of the protocols",
        "(Colored Fashion-MNIST, Decoy Fashion-MNIST and its no-decoy reference, the synthetic task), then write",
        "report.md, results of each run (runs/) and plots (plots/) to --out. Runs already in --out with the same",
        "arguments are reused."})
public final class ExperimentCommand implements Callable<Integer> {

  @Option(names = "--out", defaultValue = "experiment-results", description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--protocols", paramLabel = "FILE", description = "Protocols file (default: the built-in protocols.properties).")
  Path protocolsFile;

  @Option(names = "--datasets", split = ",", description = "Only these data sets of the protocols (default: all).")
  List<String> datasets = new ArrayList<>();

  @Option(names = "--algorithms", split = ",", description = "Only these algorithms (default: every registered one).")
  List<String> algorithms = new ArrayList<>();

  @Option(names = "--seeds", split = ",", defaultValue = "1", description = "Seeds, one run each (default: ${DEFAULT-VALUE}).")
  List<Long> seeds;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Fashion-MNIST files, passed to every replay.")
  Path dataDirectory;

  @Option(names = "--report-only", description = "Do not run anything; write the report from the runs already in --out.")
  boolean reportOnly;

  @Override
  public Integer call() throws IOException {
    List<DatasetProtocol> protocols = chosenProtocols();
    Set<String> registered = ermFirst(AlgorithmRegistry.standard().names());
    for (String algorithm : algorithms) {
      if (!registered.contains(algorithm)) {
        throw new IllegalArgumentException("Unknown algorithm '" + algorithm + "'; this build registers " + registered);
      }
    }
    Map<String, Map<String, MethodRow>> results = new LinkedHashMap<>();
    Map<String, Map<String, String>> failures = new LinkedHashMap<>();
    Map<String, List<String>> pending = new LinkedHashMap<>();
    for (DatasetProtocol protocol : protocols) {
      Map<String, MethodRow> rows = new LinkedHashMap<>();
      for (String algorithm : registered) {
        if (protocol.runs(algorithm) && (algorithms.isEmpty() || algorithms.contains(algorithm))) {
          List<RunResult> runs = runAll(protocol, algorithm, failures, pending);
          if (!runs.isEmpty()) {
            rows.put(algorithm, new MethodRow(algorithm, runs));
          }
        }
      }
      results.put(protocol.dataset(), rows);
    }
    writeReport(protocols, results, new ReportWriter.Gaps(failures, pending), registered);
    System.out.println("Report: " + out.resolve("report.md"));
    return 0;
  }

  /** The baseline first, then the other algorithms in name order, as the tables list them. */
  private static Set<String> ermFirst(Set<String> names) {
    Set<String> ordered = new LinkedHashSet<>();
    if (names.contains("erm")) {
      ordered.add("erm");
    }
    ordered.addAll(names);
    return ordered;
  }

  private List<RunResult> runAll(DatasetProtocol protocol, String algorithm, Map<String, Map<String, String>> failures,
      Map<String, List<String>> pending) throws IOException {
    List<RunResult> runs = new ArrayList<>();
    for (long seed : seeds) {
      PlannedRun run = new PlannedRun(protocol, algorithm, seed,
          dataDirectory == null ? List.of() : List.of("--data-dir", dataDirectory.toString()));
      Path file = run.file(out);
      RunResult result = RunResult.readIfCurrent(run, file);
      if (result == null && !reportOnly) {
        try {
          replay(run, file, System.err);
          result = RunResult.readIfCurrent(run, file);
        } catch (RuntimeException e) {
          System.err.println(protocol.dataset() + " / " + algorithm + " seed " + seed + " failed: " + e.getMessage());
          failures.computeIfAbsent(protocol.dataset(), d -> new LinkedHashMap<>()).put(algorithm, e.getMessage());
        }
      }
      if (result != null) {
        runs.add(result);
      } else if (reportOnly) {
        pending.computeIfAbsent(protocol.dataset(), d -> new ArrayList<>()).add(algorithm + " seed " + seed);
      }
    }
    return runs;
  }

  /** Runs one replay in this process and writes its record. */
  static void replay(PlannedRun run, Path file, PrintStream progress) throws IOException {
    progress.println("== " + run.protocol().dataset() + " / " + run.algorithm() + " / seed " + run.seed()
        + ": invstream replay " + String.join(" ", run.arguments()));
    ReplayCommand command = new ReplayCommand();
    new CommandLine(command).parseArgs(run.arguments().toArray(String[]::new));
    ReplayCommand.Outcome outcome = command.replay(ReplayListener.NONE, progress);
    RunRecord.write(file, RunRecord.of(run.arguments(), outcome.summary(), outcome.result()));
  }

  private void writeReport(List<DatasetProtocol> protocols, Map<String, Map<String, MethodRow>> results,
      ReportWriter.Gaps gaps, Set<String> registered) throws IOException {
    for (Map.Entry<String, Map<String, MethodRow>> dataset : results.entrySet()) {
      if (dataset.getValue().isEmpty()) {
        continue;
      }
      Charts.testAccuracy(dataset.getKey(), new ArrayList<>(dataset.getValue().values()),
          out.resolve("plots").resolve(dataset.getKey() + "-test-accuracy.png"));
      for (MethodRow row : dataset.getValue().values()) {
        for (RunResult run : row.runs()) {
          Charts.curves(run, out.resolve("plots").resolve(ReportWriter.curveName(run)));
        }
      }
    }
    ReportWriter.write(out, protocols, results, gaps, registered, seeds, CodeVersion.current());
  }

  private List<DatasetProtocol> chosenProtocols() throws IOException {
    List<DatasetProtocol> all = protocolsFile != null ? Protocols.read(protocolsFile) : Protocols.builtIn();
    if (datasets.isEmpty()) {
      return all;
    }
    List<DatasetProtocol> chosen = new ArrayList<>();
    for (String name : datasets) {
      chosen.add(all.stream().filter(p -> p.dataset().equals(name)).findFirst().orElseThrow(() ->
          new IllegalArgumentException("No protocol for data set '" + name + "'; the protocols have "
              + all.stream().map(DatasetProtocol::dataset).toList())));
    }
    return chosen;
  }
}
