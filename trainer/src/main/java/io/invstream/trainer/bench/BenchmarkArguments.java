package io.invstream.trainer.bench;

import io.invstream.trainer.hparam.Hyperparameters;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The few flags of {@link TrainerBenchmark#main}: {@code --algorithms a,b}, {@code --warmup n},
 * {@code --iterations n}, {@code --seed n}, {@code --environments n}, {@code --examples n},
 * {@code --hp algorithm.key=value} (repeatable), {@code --json}.
 */
final class BenchmarkArguments {

  private BenchmarkArguments() {}

  static BenchmarkConfig parse(String[] args, BenchmarkConfig defaults) {
    BenchmarkConfig c = defaults;
    Map<String, Map<String, String>> hp = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--json")) {
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("flag " + flag + " needs a value");
      }
      String value = args[++i];
      switch (flag) {
        case "--algorithms" -> c = c.withAlgorithms(List.of(value.split(",")));
        case "--warmup" -> c = c.withSteps(Integer.parseInt(value), c.iterations());
        case "--iterations" -> c = c.withSteps(c.warmup(), Integer.parseInt(value));
        case "--seed" -> c = c.withSeed(Long.parseLong(value));
        case "--environments" -> c = c.withShape(Integer.parseInt(value), c.examplesPerEnvironment());
        case "--examples" -> c = c.withShape(c.environments(), Integer.parseInt(value));
        case "--hp" -> {
          int dot = value.indexOf('.');
          if (dot <= 0) {
            throw new IllegalArgumentException("--hp takes algorithm.key=value, got " + value);
          }
          hp.computeIfAbsent(value.substring(0, dot), k -> new HashMap<>())
              .putAll(Hyperparameters.parsePairs(List.of(value.substring(dot + 1))));
        }
        default -> throw new IllegalArgumentException(
            "unknown flag " + flag + "; flags: " + Arrays.asList("--algorithms", "--warmup", "--iterations",
                "--seed", "--environments", "--examples", "--hp", "--json"));
      }
    }
    return hp.isEmpty() ? c : c.withHyperparameters(hp);
  }

  static boolean wantsJson(String[] args) {
    return Arrays.asList(args).contains("--json");
  }
}
