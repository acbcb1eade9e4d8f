package io.invstream.trainer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invstream.trainer.model.Cnn;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.optim.AdamConfig;
import io.invstream.trainer.optim.SgdConfig;
import io.invstream.trainer.tensor.Device;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TrainerBenchCommandTest {

  /** Exit code, stdout and stderr of {@code bench <args>}. */
  private record Run(int exit, String out, String err) {}

  private static Run bench(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new TrainerBenchCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static BenchmarkConfig parse(String... args) {
    TrainerBenchCommand command = new TrainerBenchCommand();
    new CommandLine(command).parseArgs(args);
    return command.config();
  }

  @Test
  void printsTheTableThenOneJsonObjectWithEveryAlgorithmsFigures() throws Exception {
    Run run = bench("--iterations", "3", "--warmup", "1", "--algorithms", "erm,andmask", "--json");

    assertThat(run.exit()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).startsWith("trainer step: mlp 784-256-10, adam, 3 environments × 64 examples");
    assertThat(String.join("\n", lines)).contains("ms/step", "× ERM", "GFLOP/s", "% peak", "andmask");
    JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertThat(json.path("benchmark").asText()).isEqualTo("trainer");
    assertThat(json.path("peakGflops").asDouble()).isPositive();
    JsonNode algorithms = json.path("algorithms");
    assertThat(algorithms.fieldNames()).toIterable().containsExactly("erm", "andmask");
    assertThat(algorithms.path("erm").path("ratioToErm").asDouble()).isEqualTo(1.0);
    for (JsonNode figures : algorithms) {
      assertThat(figures.path("msPerStep").asDouble()).isPositive();
      assertThat(figures.path("ratioToErm").asDouble()).isPositive();
      assertThat(figures.path("gflops").asDouble()).isPositive();
      assertThat(figures.path("fractionOfPeak").asDouble()).isPositive().isLessThan(1.0);
    }
  }

  @Test
  void theCommandsDefaultsAreTheBenchmarksDefaults() {
    assertThat(parse()).isEqualTo(BenchmarkConfig.DEFAULTS);
    assertThat(parse().model()).isEqualTo(new Mlp(784, List.of(256), 10));
    assertThat(parse().optimizer()).isEqualTo(AdamConfig.DEFAULTS);
    assertThat(new CommandLine(new TrainerBenchCommand()).getUsageMessage())
        .contains("default: mlp", "default: 784", "default: [256]", "default: 10", "default: 64", "default: adam");
  }

  @Test
  void optionsReachTheConfiguration() {
    BenchmarkConfig c = parse("--algorithms", "andmask,fishr", "--hp", "andmask.tau=0.8", "--hp", "fishr.lambda=10",
        "--warmup", "3", "--iterations", "30", "--seed", "9", "--environments", "4", "--examples", "16",
        "--model", "cnn", "--image", "1x8x8", "--filters", "2,3", "--classes", "3",
        "--optimizer", "sgd", "--lr", "0.05", "--momentum", "0", "--weight-decay", "1e-4",
        "--cores", "3", "--core-gflops", "100");
    assertThat(c.algorithms()).containsExactly("erm", "andmask", "fishr");
    assertThat(c.hyperparameters()).isEqualTo(Map.of("andmask", Map.of("tau", "0.8"), "fishr", Map.of("lambda", "10")));
    assertThat(List.of(c.warmup(), c.iterations(), c.environments(), c.examplesPerEnvironment())).containsExactly(3, 30, 4, 16);
    assertThat(c.seed()).isEqualTo(9);
    assertThat(c.model()).isEqualTo(new Cnn(1, 8, 8, 2, 3, 3));
    assertThat(c.optimizer()).isEqualTo(new SgdConfig(0.05, 0, 1e-4));
    assertThat(c.peak()).isEqualTo(new PeakEstimate(3, 100));
    assertThat(parse("--hidden", "1024,1024", "--inputs", "100").model()).isEqualTo(new Mlp(100, List.of(1024, 1024), 10));
  }

  @Test
  void deviceOptionsAreParsed() {
    TrainerBenchCommand command = new TrainerBenchCommand();
    new CommandLine(command).parseArgs("--device", "CUDA", "--cpu-baseline", "b.json", "--no-cpu-comparison");
    assertThat(command.device).isEqualTo(Device.CUDA);
    assertThat(command.cpuBaseline).isEqualTo(Path.of("b.json"));
    assertThat(command.noCpuComparison).isTrue();
    TrainerBenchCommand defaults = new TrainerBenchCommand();
    new CommandLine(defaults).parseArgs();
    assertThat(defaults.device).isEqualTo(Device.CPU);
    assertThat(defaults.cpuBaseline).isNull();
    assertThat(defaults.noCpuComparison).isFalse();
  }

  @Test
  void badOptionsAreUsageErrorsThatSayWhatToFix() {
    Run model = bench("--model", "rnn");
    assertThat(model.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(model.err()).contains("--model takes logistic, mlp or cnn, got rnn");
    Run algorithm = bench("--algorithms", "erm,sgdx");
    assertThat(algorithm.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(algorithm.err()).contains("unknown algorithm 'sgdx'", "andmask");
    Run cnn = bench("--model", "cnn", "--inputs", "90");
    assertThat(cnn.err()).contains("give --image CxHxW");
  }

  @Test
  void autoRunsOnTheCpuAndSaysWhyWhileCudaWithoutTheBackendIsAUsageErrorThatSaysHowToGetIt() {
    Run auto = bench("--device", "auto", "--algorithms", "erm", "--inputs", "20", "--hidden", "8",
        "--classes", "3", "--environments", "2", "--examples", "4", "--warmup", "0", "--iterations", "1", "--json");
    assertThat(auto.exit()).as(auto.err()).isZero();
    // This Java 17 build has no CUDA backend: auto says so and stays on the CPU (no side-by-side table).
    assertThat(auto.err()).contains("--device auto chose cpu", "the CUDA backend is not in this build");
    assertThat(auto.out()).contains("\"backend\":\"" + new Nd4jCpuBackend().description()).doesNotContain("side by side");
    Run cuda = bench("--device", "cuda");
    assertThat(cuda.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(cuda.err()).contains("--device cuda: the CUDA backend is not in this build", "docs/gpu.md");
    Run bad = bench("--device", "tpu");
    assertThat(bad.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(bad.err()).contains("--device takes cpu, cuda or auto, got 'tpu'");
  }
}
