package io.invstream.trainer.bench;

import io.invstream.trainer.algorithm.AlgorithmRegistry;
import io.invstream.trainer.step.Trainer;
import io.invstream.trainer.step.TrainerConfig;
import io.invstream.trainer.tensor.BackendCounters;
import io.invstream.trainer.tensor.TensorBackend;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Times one training step per algorithm, side by side in one process: each algorithm gets its own
 * trainer (same seed, same model init, same data), all warm up first, then timed steps run in
 * interleaved rounds so that machine noise (shared cores, frequency changes) hits every algorithm
 * alike; the figure per algorithm is the median over rounds.
 *
 * <p>Synthetic batches carry an annotation mask (a random eighth of each example's features) so
 * that RRR does its full work; the other algorithms ignore it. {@code rrr-ensemble} is timed in
 * its first member (plain RRR cost) unless {@code --hp rrr-ensemble.updatesPerMember=…} makes it
 * switch during warm-up; member i adds i forward/backward pairs.
 *
 * <p>Wired to the CLI as {@code ./invstream bench trainer}; {@link #main} runs it directly.
 */
public final class TrainerBenchmark {

  private static final int ROUNDS = 10;
  private static final int BATCH_POOL = 8;

  private final TensorBackend backend;
  private final AlgorithmRegistry registry;

  public TrainerBenchmark(TensorBackend backend, AlgorithmRegistry registry) {
    this.backend = backend;
    this.registry = registry;
  }

  /** Runs the benchmark and returns one row per algorithm, ERM first. */
  public BenchmarkResult run(BenchmarkConfig config) {
    List<Timed> timed = new ArrayList<>();
    for (String name : config.algorithmsOr(registry.names())) {
      SplittableRandom random = new SplittableRandom(config.seed());
      Trainer trainer =
          Trainer.create(
              backend, config.model(), config.optimizer(),
              registry.create(name, config.hyperparameters().getOrDefault(name, Map.of()), random.split()),
              TrainerConfig.DEFAULTS, random);
      SyntheticBatches data =
          new SyntheticBatches(
              config.model().inputs(), config.model().classes(), config.environments(),
              config.examplesPerEnvironment(), BATCH_POOL, config.seed());
      timed.add(new Timed(name, trainer, data, new double[ROUNDS]));
    }
    for (Timed t : timed) {
      for (int i = 0; i < config.warmup(); i++) {
        t.trainer.step(t.data.next());
      }
    }
    long[] flops = new long[timed.size()];
    int perRound = Math.max(1, config.iterations() / ROUNDS);
    for (int round = 0; round < ROUNDS; round++) {
      for (int a = 0; a < timed.size(); a++) {
        Timed t = timed.get(a);
        BackendCounters before = backend.counters();
        long start = System.nanoTime();
        for (int i = 0; i < perRound; i++) {
          t.trainer.step(t.data.next());
        }
        t.roundMs[round] = (System.nanoTime() - start) / 1e6 / perRound;
        flops[a] += backend.counters().since(before).gemmFlops();
      }
    }
    List<BenchmarkRow> rows = new ArrayList<>();
    double erm = median(timed.get(0).roundMs);
    for (int a = 0; a < timed.size(); a++) {
      double ms = median(timed.get(a).roundMs);
      double flopsPerStep = (double) flops[a] / (ROUNDS * perRound);
      double gflops = flopsPerStep / (ms * 1e6);
      rows.add(new BenchmarkRow(timed.get(a).name, ms, ms / erm, gflops, gflops / config.peak().gflops()));
    }
    return new BenchmarkResult(config, backend.description(), rows);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private record Timed(String name, Trainer trainer, SyntheticBatches data, double[] roundMs) {}

  /**
   * Runs with defaults (MLP 784→256→10, Adam, 3 × 64, every registered algorithm); flags in
   * {@link BenchmarkArguments}, e.g. {@code --model cnn --algorithms erm,rrr --json}.
   */
  public static void main(String[] args) {
    BenchmarkConfig config = BenchmarkArguments.parse(args, BenchmarkConfig.DEFAULTS);
    BenchmarkResult result = new TrainerBenchmark(new Nd4jCpuBackend(), AlgorithmRegistry.standard()).run(config);
    System.out.println(BenchmarkArguments.wantsJson(args) ? result.toJson() : result.toTable());
  }
}
