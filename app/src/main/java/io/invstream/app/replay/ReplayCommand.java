package io.invstream.app.replay;

import io.invstream.app.ingest.FileFormat;
import io.invstream.app.ingest.SyntheticTaskOptions;
import io.invstream.app.train.TrainingOptions;
import io.invstream.core.json.Json;
import io.invstream.datasets.fashion.FashionMnistFiles;
import io.invstream.datasets.file.PixelScale;
import io.invstream.trainer.replay.BalancedSampler;
import io.invstream.trainer.replay.ReplayConfig;
import io.invstream.trainer.replay.ReplayData;
import io.invstream.trainer.replay.ReplayListener;
import io.invstream.trainer.replay.ReplayResult;
import io.invstream.trainer.replay.ReplayRunner;
import io.invstream.trainer.replay.SelectionRule;
import io.invstream.trainer.replay.ValidationSplit;
import io.invstream.trainer.session.TrainingSession;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the trainer over a file or a built-in data set without Kafka, and reports honest accuracies. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Train over a file (--data) or a built-in data set (--dataset) without Kafka, with the same per-batch",
        "code as the Kafka trainer. Each step takes --k examples from every training environment (0 = all).",
        "Held-out environments (--test-env) are evaluated, never trained on; a validation split of each training",
        "environment selects the reported model (training-domain validation) unless --selection last.",
        "Same seeds, same result. --json prints one JSON object as the last line of standard output."})
public final class ReplayCommand implements Callable<Integer> {

  private static final int REPORTED_REJECTIONS = 5;

  @Option(names = "--dataset", paramLabel = "NAME",
      description = "Built-in data: synthetic, colored-fashion-mnist, decoy-fashion-mnist, fashion-mnist.")
  String dataset;

  @Option(names = "--data", paramLabel = "FILE", description = "CSV, JSON-lines or IDX file; environments from its env column.")
  Path data;

  @Option(names = "--format", description = "Format of --data: csv, jsonl or idx; by default guessed from the name.")
  FileFormat format;

  @Option(names = "--labels", paramLabel = "FILE", description = "IDX only: the labels file.")
  Path labels;

  @Option(names = "--env", paramLabel = "NAME", description = "Environment of rows without one (IDX: required).")
  String environment;

  @Option(names = "--scale", defaultValue = "UNIT", description = "IDX pixels: RAW (0-255) or UNIT (0-1) (default: ${DEFAULT-VALUE}).")
  PixelScale scale;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Fashion-MNIST files (default: /usr/share/datasets/fashion-mnist).")
  Path dataDirectory = FashionMnistFiles.DEFAULT_DIRECTORY;

  @Option(names = "--dataset-seed", defaultValue = "1",
      description = "Seed of the Fashion-MNIST variants' colours and swatches (default: ${DEFAULT-VALUE}).")
  long datasetSeed;

  @Option(names = "--examples-per-env", defaultValue = "1024",
      description = "synthetic: examples drawn per environment (default: ${DEFAULT-VALUE}).")
  int examplesPerEnvironment;

  @Option(names = "--steps", description = "Training steps (default: 1000 unless --epochs is given).")
  Integer steps;

  @Option(names = "--epochs", description = "Passes over the largest training environment; with --k 0 one pass is one step.")
  Integer epochs;

  @Option(names = "--k", defaultValue = "64", description = "Examples per training environment per step; 0 = all (full batch) (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--validation-fraction", defaultValue = "0.2",
      description = "Share of each training environment held out for model selection (default: ${DEFAULT-VALUE}).")
  double validationFraction;

  @Option(names = "--eval-every", defaultValue = "0",
      description = "Evaluate validation and held-out environments every N steps; 0 = about 50 times a run (default: ${DEFAULT-VALUE}).")
  int evaluateEvery;

  @Option(names = "--selection", defaultValue = "validation",
      description = "Model reported at top level: validation (training-domain validation) or last (last step) (default: ${DEFAULT-VALUE}).")
  String selection;

  @Option(names = "--replay-seed", description = "Seed of the validation split and batch order (default: --seed).")
  Long replaySeed;

  @Option(names = "--json", description = "Print one JSON summary object as the last line of standard output.")
  boolean json;

  @Option(names = "--save-run", paramLabel = "FILE",
      description = "Also write the arguments, summary and accuracy curve to FILE (what `experiment` collects).")
  Path saveRun;

  @Spec CommandSpec spec;

  @Mixin TrainingOptions training;
  @Mixin SyntheticTaskOptions task;

  /** What a replay produced: its result and the JSON summary. */
  public record Outcome(ReplayResult result, Map<String, Object> summary) {}

  @Override
  public Integer call() throws IOException {
    Outcome outcome = replay(ReplayListener.NONE, System.err);
    if (saveRun != null) {
      RunRecord.write(saveRun, RunRecord.of(arguments(), outcome.summary(), outcome.result()));
    }
    if (json) {
      System.out.println(Json.write(outcome.summary()));
    } else {
      System.out.println(HumanSummary.of(outcome.summary()));
    }
    return 0;
  }

  /**
   * Loads the data, runs the replay and summarises it.
   *
   * @param listener sees every step and evaluation, besides the progress shown on {@code progress}
   * @param progress where progress lines and rejected rows go (standard error from the CLI)
   */
  public Outcome replay(ReplayListener listener, PrintStream progress) throws IOException {
    training.validate();
    LoadedData loaded = load();
    loaded.rejected().forEach(message -> progress.println("rejected: " + message));
    List<String> testEnvironments = training.testEnvironments.isEmpty() ? loaded.defaultTestEnvironments()
        : training.testEnvironments;
    ReplayData replayData = new ReplayData(loaded.environments(), new HashSet<>(testEnvironments));
    if (loaded.classes() > 0) {
      training.classes = loaded.classes();
    }
    if (training.imageShape == null) {
      training.imageShape = loaded.imageShape();
    }
    TrainingSession session = training.session(loaded.featureCount());
    ReplayConfig config = config(replayData);
    ReplayProgress bar = new ReplayProgress(progress, config.steps());
    ReplayResult result = new ReplayRunner(session, config).run(replayData, ReplayListener.both(bar, listener));
    bar.finish();
    ReplayResult merged = withReaderRejections(result, loaded);
    return new Outcome(merged, ReplaySummary.of(training.algorithm, loaded.name(), replayData.heldOutEnvironments(),
        training.seed, config, merged));
  }

  /**
   * The arguments this command was parsed from, less {@code --save-run} and {@code --json}; when
   * it ran as {@code invstream replay}, only those after {@code replay}.
   */
  List<String> arguments() {
    List<String> out = new ArrayList<>();
    List<String> original = spec.commandLine().getParseResult().originalArgs();
    int first = spec.parent() == null ? 0 : original.indexOf(spec.name()) + 1;
    for (int i = first; i < original.size(); i++) {
      String argument = original.get(i);
      if (argument.equals("--save-run")) {
        i++;
      } else if (!argument.startsWith("--save-run=") && !argument.equals("--json")) {
        out.add(argument);
      }
    }
    return out;
  }

  private LoadedData load() throws IOException {
    if ((data == null) == (dataset == null)) {
      throw new IllegalArgumentException("Pass exactly one of --data FILE and --dataset NAME (" + BuiltInData.NAMES + ")");
    }
    if (data != null) {
      return new FileData(data, format, labels, environment, scale).load();
    }
    return BuiltInData.load(dataset, new FashionMnistFiles(dataDirectory), datasetSeed, task.task(), examplesPerEnvironment);
  }

  private ReplayConfig config(ReplayData replayData) {
    if (steps != null && epochs != null) {
      throw new IllegalArgumentException("Pass --steps or --epochs, not both");
    }
    int total = steps != null ? steps : 1000;
    if (epochs != null) {
      int largest = replayData.trainingEnvironments().stream()
          .mapToInt(name -> ValidationSplit.trainingSize(replayData.examples(name).size(), validationFraction))
          .max().orElse(1);
      total = Math.multiplyExact(BalancedSampler.stepsPerEpoch(largest, k), epochs);
    }
    int interval = evaluateEvery > 0 ? evaluateEvery : Math.max(1, (total + 49) / 50);
    return new ReplayConfig(total, k, validationFraction, interval, ReplayConfig.DEFAULT_EVALUATION_CHUNK,
        selectionRule(), replaySeed != null ? replaySeed : training.seed);
  }

  private SelectionRule selectionRule() {
    return switch (selection) {
      case "validation" -> SelectionRule.TRAINING_DOMAIN_VALIDATION;
      case "last" -> SelectionRule.LAST_STEP;
      default -> throw new IllegalArgumentException("Unknown --selection '" + selection + "'; choose validation or last");
    };
  }

  private static ReplayResult withReaderRejections(ReplayResult result, LoadedData loaded) {
    if (loaded.rejectedCount() == 0) {
      return result;
    }
    List<String> messages = new ArrayList<>(loaded.rejected());
    messages.addAll(result.rejected());
    return new ReplayResult(result.steps(), result.skippedSteps(), result.selection(), result.last(), result.selected(),
        result.history(), result.prequential(), messages.subList(0, Math.min(messages.size(), REPORTED_REJECTIONS)),
        result.rejectedCount() + loaded.rejectedCount(), result.provenance());
  }
}
