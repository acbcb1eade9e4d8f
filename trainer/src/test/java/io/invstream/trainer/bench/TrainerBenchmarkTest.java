package io.invstream.trainer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.invstream.trainer.algorithm.AlgorithmRegistry;
import io.invstream.trainer.model.Cnn;
import io.invstream.trainer.model.LogisticRegression;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.optim.AdamConfig;
import io.invstream.trainer.optim.SgdConfig;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness's output shape on a tiny run; timings themselves are not asserted. */
class TrainerBenchmarkTest {

  private static final BenchmarkConfig TINY =
      BenchmarkConfig.DEFAULTS.withModel(new Mlp(20, List.of(8), 3)).withShape(2, 8).withSteps(2, 10)
          .withAlgorithms(List.of("andmask", "sandmask"))
          .withHyperparameters(Map.of("sandmask", Map.of("tau", "0.5")));

  @Test
  void rowsPerAlgorithmWithErmFirstAndRatiosRelativeToIt() {
    BenchmarkResult result = new TrainerBenchmark(new Nd4jCpuBackend(), AlgorithmRegistry.standard()).run(TINY);
    assertThat(result.rows()).extracting(BenchmarkRow::algorithm).containsExactly("erm", "andmask", "sandmask");
    assertThat(result.rows().get(0).ratioToErm()).isEqualTo(1.0);
    assertThat(result.rows()).allSatisfy(r -> {
      assertThat(r.msPerStep()).isPositive();
      assertThat(r.gflops()).isPositive();
      assertThat(r.ratioToErm()).isEqualTo(r.msPerStep() / result.rows().get(0).msPerStep());
    });
    String json = result.toJson();
    assertThat(json).startsWith("{\"benchmark\":\"trainer\"").doesNotContain("\n")
        .contains("\"model\":\"mlp 20-8-3\"", "\"environments\":2", "\"examplesPerEnvironment\":8",
            "\"algorithms\":{\"erm\":{\"msPerStep\":", "\"andmask\":{\"msPerStep\":", "\"ratioToErm\":");
    assertThat(result.toTable()).contains("algorithm", "ms/step", "× ERM", "GFLOP/s", "% peak", "sandmask",
        "FP32 peak estimate");
    assertThat(json).contains("\"peakGflops\":", "\"fractionOfPeak\":");
  }

  @Test
  void byDefaultEveryRegisteredAlgorithmIsTimedOnTheChosenModel() {
    BenchmarkConfig config = BenchmarkArguments.parse(
        new String[] {"--model", "cnn", "--image", "1x8x8", "--filters", "2,3", "--classes", "3", "--warmup", "1",
            "--iterations", "10", "--environments", "2", "--examples", "4", "--optimizer", "sgd", "--lr", "0.05",
            "--cores", "3", "--core-gflops", "100"},
        BenchmarkConfig.DEFAULTS);
    BenchmarkResult result = new TrainerBenchmark(new Nd4jCpuBackend(), AlgorithmRegistry.standard()).run(config);
    assertThat(result.rows()).extracting(BenchmarkRow::algorithm).first().isEqualTo("erm");
    assertThat(result.rows()).extracting(BenchmarkRow::algorithm)
        .containsExactlyInAnyOrderElementsOf(AlgorithmRegistry.standard().names());
    assertThat(result.rows()).allSatisfy(r -> {
      assertThat(r.msPerStep()).isPositive();
      assertThat(r.fractionOfPeak()).isEqualTo(r.gflops() / 300.0);
    });
    assertThat(result.toJson()).contains("\"model\":\"cnn 1x8x8 conv2-conv3-3\"", "\"optimizer\":\"sgd\"",
        "\"cores\":3", "\"peakGflops\":300.00", "\"rrr\":{\"msPerStep\":");
  }

  @Test
  void modelAndOptimizerFlagsBuildTheirSpecs() {
    BenchmarkConfig mlp = BenchmarkArguments.parse(
        new String[] {"--hidden", "1024,1024", "--inputs", "100", "--classes", "4"}, BenchmarkConfig.DEFAULTS);
    assertThat(mlp.model()).isEqualTo(new Mlp(100, List.of(1024, 1024), 4));
    assertThat(mlp.optimizer()).isEqualTo(BenchmarkConfig.DEFAULTS.optimizer());
    assertThat(BenchmarkArguments.parse(new String[] {"--model", "logistic"}, BenchmarkConfig.DEFAULTS).model())
        .isEqualTo(new LogisticRegression(784, 10));
    assertThat(BenchmarkArguments.parse(new String[] {"--model", "cnn"}, BenchmarkConfig.DEFAULTS).model())
        .isEqualTo(new Cnn(1, 28, 28, 8, 16, 10));
    assertThat(BenchmarkArguments.parse(new String[] {"--optimizer", "adam", "--lr", "0.01", "--weight-decay", "1e-4"},
        BenchmarkConfig.DEFAULTS).optimizer()).isEqualTo(AdamConfig.of(0.01, 1e-4));
    assertThat(BenchmarkArguments.parse(new String[] {"--optimizer", "sgd", "--momentum", "0"},
        BenchmarkConfig.DEFAULTS).optimizer()).isEqualTo(new SgdConfig(0.01, 0, 0));
    assertThat(BenchmarkConfig.DEFAULTS.peak().gflopsPerCore()).isEqualTo(235.52, within(1e-9));
    assertThat(BenchmarkConfig.DEFAULTS.peak().cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThatThrownBy(() -> BenchmarkArguments.parse(new String[] {"--model", "cnn", "--inputs", "90", "--classes", "3"},
        BenchmarkConfig.DEFAULTS)).hasMessageContaining("give --image CxHxW");
    assertThatThrownBy(() -> BenchmarkArguments.parse(new String[] {"--model", "rnn"}, BenchmarkConfig.DEFAULTS))
        .hasMessageContaining("logistic, mlp or cnn");
  }

  @Test
  void argumentsOverrideDefaults() {
    BenchmarkConfig c = BenchmarkArguments.parse(
        new String[] {"--algorithms", "andmask", "--warmup", "3", "--iterations", "30", "--seed", "9",
            "--environments", "4", "--examples", "16", "--hp", "andmask.tau=0.8", "--json"},
        BenchmarkConfig.DEFAULTS);
    assertThat(c.algorithms()).containsExactly("erm", "andmask");
    assertThat(c.warmup()).isEqualTo(3);
    assertThat(c.iterations()).isEqualTo(30);
    assertThat(c.seed()).isEqualTo(9);
    assertThat(c.environments()).isEqualTo(4);
    assertThat(c.examplesPerEnvironment()).isEqualTo(16);
    assertThat(c.hyperparameters()).containsEntry("andmask", Map.of("tau", "0.8"));
    assertThatThrownBy(() -> BenchmarkArguments.parse(new String[] {"--fast", "1"}, BenchmarkConfig.DEFAULTS))
        .hasMessageContaining("unknown flag --fast");
  }
}
