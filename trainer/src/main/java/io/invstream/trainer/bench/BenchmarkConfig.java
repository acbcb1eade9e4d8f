package io.invstream.trainer.bench;

import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.model.ModelSpec;
import io.invstream.trainer.optim.AdamConfig;
import io.invstream.trainer.optim.OptimizerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link TrainerBenchmark} times.
 *
 * @param model architecture, default MLP 784→256→10
 * @param optimizer default Adam with PyTorch defaults
 * @param environments environments per step, default 3
 * @param examplesPerEnvironment examples per environment per step, default 64
 * @param algorithms CLI names, timed side by side; {@code erm} is added first if missing (ratios
 *     are relative to it); empty (the default) times every registered algorithm
 * @param hyperparameters per algorithm name, overrides of its defaults
 * @param warmup untimed steps per algorithm first
 * @param iterations timed steps per algorithm
 * @param seed seeds models and synthetic data
 * @param peak the machine's FP32 peak estimate, to express achieved GFLOP/s as a fraction of it
 */
public record BenchmarkConfig(
    ModelSpec model,
    OptimizerConfig optimizer,
    int environments,
    int examplesPerEnvironment,
    List<String> algorithms,
    Map<String, Map<String, String>> hyperparameters,
    int warmup,
    int iterations,
    long seed,
    PeakEstimate peak) {

  /**
   * The shape the PyTorch comparison was measured with: MLP 784→256→10, Adam, 3 × 64, every
   * registered algorithm, this machine's peak estimate.
   */
  public static final BenchmarkConfig DEFAULTS =
      new BenchmarkConfig(
          new Mlp(784, List.of(256), 10), AdamConfig.DEFAULTS, 3, 64,
          List.of(), Map.of(), 100, 400, 1, PeakEstimate.ofThisMachine());

  /** Validates counts and puts ERM first. */
  public BenchmarkConfig {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(peak, "peak");
    if (environments <= 0 || examplesPerEnvironment <= 0 || warmup < 0 || iterations <= 0) {
      throw new IllegalArgumentException(
          "environments, examplesPerEnvironment and iterations must be positive and warmup >= 0");
    }
    algorithms = ermFirst(algorithms);
    hyperparameters = Map.copyOf(hyperparameters);
  }

  /** The algorithms to time: the configured ones, or every name in {@code registered}; ERM first. */
  public List<String> algorithmsOr(Set<String> registered) {
    return algorithms.isEmpty() ? ermFirst(List.copyOf(registered)) : algorithms;
  }

  private static List<String> ermFirst(List<String> algorithms) {
    if (algorithms.isEmpty()) {
      return List.of();
    }
    List<String> names = new ArrayList<>(algorithms);
    names.remove("erm");
    names.add(0, "erm");
    return List.copyOf(names);
  }

  public BenchmarkConfig withAlgorithms(List<String> names) {
    return new BenchmarkConfig(model, optimizer, environments, examplesPerEnvironment, names, hyperparameters, warmup, iterations, seed, peak);
  }

  public BenchmarkConfig withModel(ModelSpec spec) {
    return new BenchmarkConfig(spec, optimizer, environments, examplesPerEnvironment, algorithms, hyperparameters, warmup, iterations, seed, peak);
  }

  public BenchmarkConfig withShape(int envs, int examples) {
    return new BenchmarkConfig(model, optimizer, envs, examples, algorithms, hyperparameters, warmup, iterations, seed, peak);
  }

  public BenchmarkConfig withSteps(int warmupSteps, int timedSteps) {
    return new BenchmarkConfig(model, optimizer, environments, examplesPerEnvironment, algorithms, hyperparameters, warmupSteps, timedSteps, seed, peak);
  }

  public BenchmarkConfig withSeed(long newSeed) {
    return new BenchmarkConfig(model, optimizer, environments, examplesPerEnvironment, algorithms, hyperparameters, warmup, iterations, newSeed, peak);
  }

  public BenchmarkConfig withOptimizer(OptimizerConfig config) {
    return new BenchmarkConfig(model, config, environments, examplesPerEnvironment, algorithms, hyperparameters, warmup, iterations, seed, peak);
  }

  public BenchmarkConfig withPeak(PeakEstimate estimate) {
    return new BenchmarkConfig(model, optimizer, environments, examplesPerEnvironment, algorithms, hyperparameters, warmup, iterations, seed, estimate);
  }

  public BenchmarkConfig withHyperparameters(Map<String, Map<String, String>> overrides) {
    return new BenchmarkConfig(model, optimizer, environments, examplesPerEnvironment, algorithms, overrides, warmup, iterations, seed, peak);
  }
}
