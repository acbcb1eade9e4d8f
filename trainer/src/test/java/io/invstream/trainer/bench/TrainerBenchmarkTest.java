package io.invstream.trainer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invstream.trainer.algorithm.AlgorithmRegistry;
import io.invstream.trainer.model.Mlp;
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
    assertThat(result.toTable()).contains("algorithm", "ms/step", "× ERM", "GFLOP/s", "sandmask");
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
