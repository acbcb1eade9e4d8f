package io.invstream.trainer.bench;

import io.invstream.trainer.hparam.Hyperparameters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The flags of {@link TrainerBenchmark#main}:
 *
 * <ul>
 *   <li>what runs: {@code --algorithms a,b} (default every registered algorithm), {@code --hp
 *       algorithm.key=value} (repeatable), {@code --warmup n}, {@code --iterations n}, {@code
 *       --seed n}, {@code --environments n}, {@code --examples n};
 *   <li>the model ({@link ModelFlags}): {@code --model logistic|mlp|cnn}, {@code --inputs n},
 *       {@code --classes k}, {@code --hidden 1024,1024}, {@code --image CxHxW}, {@code --filters
 *       8,16};
 *   <li>the optimiser ({@link OptimizerFlags}): {@code --optimizer adam|sgd}, {@code --lr x},
 *       {@code --weight-decay x}, {@code --momentum x};
 *   <li>the peak estimate ({@link PeakEstimate}): {@code --cores n}, {@code --core-gflops x};
 *   <li>output: {@code --json}.
 * </ul>
 */
final class BenchmarkArguments {

  private static final List<String> FLAGS = List.of(
      "--algorithms", "--hp", "--warmup", "--iterations", "--seed", "--environments", "--examples",
      "--model", "--inputs", "--classes", "--hidden", "--image", "--filters",
      "--optimizer", "--lr", "--weight-decay", "--momentum", "--cores", "--core-gflops", "--json");

  private BenchmarkArguments() {}

  static BenchmarkConfig parse(String[] args, BenchmarkConfig defaults) {
    BenchmarkConfig c = defaults;
    Map<String, Map<String, String>> hp = new HashMap<>();
    ModelFlags model = null;
    OptimizerFlags optimizer = null;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--json")) {
        continue;
      }
      if (!FLAGS.contains(flag)) {
        throw new IllegalArgumentException("unknown flag " + flag + "; flags: " + FLAGS);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("flag " + flag + " needs a value");
      }
      String value = args[++i];
      if (ModelFlags.isModelFlag(flag)) {
        model = (model == null ? ModelFlags.DEFAULTS : model).with(flag, value);
        continue;
      }
      if (OptimizerFlags.isOptimizerFlag(flag)) {
        optimizer = (optimizer == null ? OptimizerFlags.DEFAULTS : optimizer).with(flag, value);
        continue;
      }
      switch (flag) {
        case "--algorithms" -> c = c.withAlgorithms(List.of(value.split(",")));
        case "--warmup" -> c = c.withSteps(Integer.parseInt(value), c.iterations());
        case "--iterations" -> c = c.withSteps(c.warmup(), Integer.parseInt(value));
        case "--seed" -> c = c.withSeed(Long.parseLong(value));
        case "--environments" -> c = c.withShape(Integer.parseInt(value), c.examplesPerEnvironment());
        case "--examples" -> c = c.withShape(c.environments(), Integer.parseInt(value));
        case "--cores" -> c = c.withPeak(new PeakEstimate(Integer.parseInt(value), c.peak().gflopsPerCore()));
        case "--core-gflops" -> c = c.withPeak(new PeakEstimate(c.peak().cores(), Double.parseDouble(value)));
        default -> {
          int dot = value.indexOf('.');
          if (dot <= 0) {
            throw new IllegalArgumentException("--hp takes algorithm.key=value, got " + value);
          }
          hp.computeIfAbsent(value.substring(0, dot), k -> new HashMap<>())
              .putAll(Hyperparameters.parsePairs(List.of(value.substring(dot + 1))));
        }
      }
    }
    if (model != null) {
      c = c.withModel(model.spec());
    }
    if (optimizer != null) {
      c = c.withOptimizer(optimizer.config());
    }
    return hp.isEmpty() ? c : c.withHyperparameters(hp);
  }

  static boolean wantsJson(String[] args) {
    return List.of(args).contains("--json");
  }
}
