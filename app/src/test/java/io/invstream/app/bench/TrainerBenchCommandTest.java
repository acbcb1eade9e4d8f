package io.invstream.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code invstream bench trainer}: flags pass through; --device auto here runs on the CPU and says why. */
class TrainerBenchCommandTest {

  @Test
  void aTinyRunPrintsTheTableThenJsonAndTheDeviceChoice() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new BenchCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(
        "trainer", "--device", "auto", "--algorithms", "andmask", "--inputs", "16", "--hidden", "8", "--classes", "3",
        "--environments", "2", "--examples", "4", "--warmup", "1", "--iterations", "10", "--json");
    assertThat(exit).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(String.join("\n", lines)).contains("algorithm", "ms/step", "andmask", "mlp 16-8-3");
    assertThat(lines.get(lines.size() - 1)).startsWith("{\"benchmark\":\"trainer\"").contains("\"erm\":{\"msPerStep\":");
    // This Java 17 build has no CUDA backend: auto says so and stays on the CPU (no side-by-side table).
    assertThat(err.toString()).contains("--device auto chose cpu").contains("the CUDA backend is not in this build");
    assertThat(out.toString()).doesNotContain("side by side");
  }

  @Test
  void cudaWithoutTheBackendFailsWithHowToGetIt() {
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new BenchCommand()).setErr(new PrintWriter(err))
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          cmd.getErr().println(e.getMessage());
          return 1;
        })
        .execute("trainer", "--device", "cuda");
    assertThat(exit).isOne();
    assertThat(err.toString()).contains("--device cuda: the CUDA backend is not in this build").contains("docs/gpu.md");
  }
}
