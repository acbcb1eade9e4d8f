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
    BenchmarkConfig config = BenchmarkConfig.DEFAULTS
        .withModel(new ModelChoice("cnn", 784, 3, List.of(), "1x8x8", List.of(2, 3)).spec())
        .withSteps(1, 10).withShape(2, 4).withOptimizer(new OptimizerChoice("sgd", 0.05, 0, 0.9).config())
        .withPeak(new PeakEstimate(3, 100));
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
  void modelAndOptimizerChoicesBuildTheirSpecs() {
    assertThat(new ModelChoice("mlp", 100, 4, List.of(1024, 1024), null, List.of(8, 16)).spec())
        .isEqualTo(new Mlp(100, List.of(1024, 1024), 4));
    assertThat(new ModelChoice("logistic", 784, 10, List.of(), null, List.of()).spec())
        .isEqualTo(new LogisticRegression(784, 10));
    assertThat(new ModelChoice("cnn", 784, 10, List.of(), null, List.of(8, 16)).spec())
        .isEqualTo(new Cnn(1, 28, 28, 8, 16, 10));
    assertThat(BenchmarkConfig.DEFAULTS.model()).isEqualTo(new Mlp(784, List.of(256), 10));
    assertThat(BenchmarkConfig.DEFAULTS.optimizer()).isEqualTo(AdamConfig.DEFAULTS);
    assertThat(new OptimizerChoice("adam", 0.01, 1e-4, 0.9).config()).isEqualTo(AdamConfig.of(0.01, 1e-4));
    assertThat(new OptimizerChoice("sgd", null, 0, 0).config()).isEqualTo(new SgdConfig(0.01, 0, 0));
    assertThat(BenchmarkConfig.DEFAULTS.peak().gflopsPerCore()).isEqualTo(235.52, within(1e-9));
    assertThat(BenchmarkConfig.DEFAULTS.peak().cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThatThrownBy(() -> new ModelChoice("cnn", 90, 3, List.of(), null, List.of(8, 16)).spec())
        .hasMessageContaining("give --image CxHxW");
    assertThatThrownBy(() -> new ModelChoice("rnn", 784, 10, List.of(), null, List.of()).spec())
        .hasMessageContaining("logistic, mlp or cnn");
    assertThatThrownBy(() -> new OptimizerChoice("lbfgs", null, 0, 0).config()).hasMessageContaining("adam or sgd");
  }

  @Test
  void hyperparameterOverridesAreGroupedByAlgorithm() {
    assertThat(BenchmarkConfig.hyperparameterOverrides(List.of("andmask.tau=0.8", "irm.lambda=10", "andmask.method=geom_mean")))
        .isEqualTo(Map.of("andmask", Map.of("tau", "0.8", "method", "geom_mean"), "irm", Map.of("lambda", "10")));
    assertThat(BenchmarkConfig.DEFAULTS.withAlgorithms(List.of("andmask")).algorithms()).containsExactly("erm", "andmask");
    assertThatThrownBy(() -> BenchmarkConfig.hyperparameterOverrides(List.of("tau=0.8")))
        .hasMessageContaining("algorithm.key=value");
  }
}
