package io.invstream.trainer.bench;

import io.invstream.trainer.algorithm.AlgorithmRegistry;
import io.invstream.trainer.tensor.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code invstream bench trainer}: one training step per algorithm, timed side by side ({@link
 * TrainerBenchmark}). Every option's default is read from {@link BenchmarkConfig#DEFAULTS},
 * {@link ModelChoice#DEFAULTS}, {@link OptimizerChoice#DEFAULTS} and {@link
 * PeakEstimate#ofThisMachine()}, so the benchmark's defaults are written once. On a non-CPU
 * device the CPU backend runs the same configuration in the same process, side by side ({@link
 * DeviceBenchmark}). The app wires it in as {@code invstream bench trainer}; {@link #main} runs it
 * alone, as the GPU device bundle does (bench/gpu), where the rest of the application is not carried.
 */
@Command(name = "trainer", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Time one training step of each algorithm side by side (interleaved rounds, medians), with the "
        + "achieved GEMM GFLOP/s against the machine's FP32 peak.")
public final class TrainerBenchCommand implements Callable<Integer> {

  private static final BenchmarkConfig RUN = BenchmarkConfig.DEFAULTS;
  private static final ModelChoice MODEL = ModelChoice.DEFAULTS;
  private static final OptimizerChoice OPTIMIZER = OptimizerChoice.DEFAULTS;

  @Spec CommandSpec spec;

  @Option(names = "--algorithms", split = ",", paramLabel = "NAME",
      description = "Registered algorithms to time; ERM is always timed first, ratios are relative to it "
          + "(default: every registered algorithm).")
  List<String> algorithms = new ArrayList<>(RUN.algorithms());

  @Option(names = "--hp", paramLabel = "ALGORITHM.KEY=VALUE",
      description = "Hyperparameter override, repeatable, e.g. --hp andmask.tau=0.8.")
  List<String> hyperparameters = new ArrayList<>();

  @Option(names = "--model", description = "logistic, mlp or cnn (default: ${DEFAULT-VALUE}).")
  String model = MODEL.kind();

  @Option(names = "--inputs", description = "Features per example (default: ${DEFAULT-VALUE}).")
  int inputs = MODEL.inputs();

  @Option(names = "--hidden", split = ",", paramLabel = "WIDTH", description = "MLP hidden widths (default: ${DEFAULT-VALUE}).")
  List<Integer> hidden = new ArrayList<>(MODEL.hidden());

  @Option(names = "--classes", description = "Classes (default: ${DEFAULT-VALUE}).")
  int classes = MODEL.classes();

  @Option(names = "--image", paramLabel = "CxHxW",
      description = "CNN input shape (default: one channel of a square image of --inputs pixels).")
  String image = MODEL.image();

  @Option(names = "--filters", split = ",", paramLabel = "COUNT",
      description = "CNN filters of its two convolutions (default: ${DEFAULT-VALUE}).")
  List<Integer> filters = new ArrayList<>(MODEL.filters());

  @Option(names = "--environments", description = "Environments per step (default: ${DEFAULT-VALUE}).")
  int environments = RUN.environments();

  @Option(names = "--examples", description = "Examples per environment per step (default: ${DEFAULT-VALUE}).")
  int examples = RUN.examplesPerEnvironment();

  @Option(names = "--optimizer", description = "adam or sgd (default: ${DEFAULT-VALUE}).")
  String optimizer = OPTIMIZER.kind();

  @Option(names = "--lr", description = "Learning rate (default: 1e-3 for adam, 0.01 for sgd).")
  Double learningRate = OPTIMIZER.learningRate();

  @Option(names = "--weight-decay", description = "Coupled L2 weight decay (default: ${DEFAULT-VALUE}).")
  double weightDecay = OPTIMIZER.weightDecay();

  @Option(names = "--momentum", description = "SGD momentum (default: ${DEFAULT-VALUE}).")
  double momentum = OPTIMIZER.momentum();

  @Option(names = "--warmup", description = "Untimed steps per algorithm first (default: ${DEFAULT-VALUE}).")
  int warmup = RUN.warmup();

  @Option(names = "--iterations", description = "Timed steps per algorithm, in 10 interleaved rounds (default: ${DEFAULT-VALUE}).")
  int iterations = RUN.iterations();

  @Option(names = "--seed", description = "Seeds models and synthetic data (default: ${DEFAULT-VALUE}).")
  long seed = RUN.seed();

  @Option(names = "--cores", description = "Cores in the FP32 peak estimate (default: available processors, ${DEFAULT-VALUE}).")
  int cores = RUN.peak().cores();

  @Option(names = "--core-gflops", description = "FP32 GFLOP/s of one core in the peak estimate (default: ${DEFAULT-VALUE}, "
      + "3.68 GHz x 64 flop/cycle of an AVX-512 Zen 5 core).")
  double coreGflops = RUN.peak().gflopsPerCore();

  @Option(names = "--device", converter = DeviceConverter.class, description = "cpu, cuda or auto (default: cpu). cuda "
      + "needs the CUDA backend (Java 22+ build, docs/gpu.md) and a usable GPU; auto takes the GPU when there is one, "
      + "else the CPU, and says why.")
  Device device = Device.CPU;

  @Option(names = "--cpu-baseline", paramLabel = "FILE", description = "On a non-CPU device, compare with the CPU "
      + "figures of an earlier --json run (its last line) instead of running the CPU backend here.")
  Path cpuBaseline;

  @Option(names = "--no-cpu-comparison", description = "On a non-CPU device, print its figures only.")
  boolean noCpuComparison;

  @Option(names = "--json", description = "Also print the figures as one JSON object on the last line.")
  boolean json;

  /** Runs the command on its own: {@code java -cp ... io.invstream.trainer.bench.TrainerBenchCommand --device cuda ...}. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new TrainerBenchCommand()).execute(args));
  }

  @Override
  public Integer call() {
    BenchmarkConfig config = config();
    try {
      new DeviceBenchmark(spec.commandLine().getOut(), spec.commandLine().getErr())
          .run(config, device, cpuBaseline, !noCpuComparison, json);
    } catch (IllegalStateException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("--device")) {
        throw new ParameterException(spec.commandLine(), e.getMessage(), e);
      }
      throw e;
    }
    return 0;
  }

  /** The run the options describe. */
  public BenchmarkConfig config() {
    try {
      algorithms.forEach(AlgorithmRegistry.standard()::factory);
      return new BenchmarkConfig(
          new ModelChoice(model, inputs, classes, hidden, image, filters).spec(),
          new OptimizerChoice(optimizer, learningRate, weightDecay, momentum).config(),
          environments, examples, algorithms, BenchmarkConfig.hyperparameterOverrides(hyperparameters),
          warmup, iterations, seed, new PeakEstimate(cores, coreGflops));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /** {@code cpu}, {@code cuda} or {@code auto}, in any case. */
  static final class DeviceConverter implements CommandLine.ITypeConverter<Device> {
    @Override
    public Device convert(String value) {
      return Device.parse(value);
    }
  }
}
