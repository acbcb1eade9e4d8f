package io.invstream.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code invstream bench} lists its benchmarks and runs the trainer's (its own tests are in the trainer module). */
class BenchCommandTest {

  @Test
  void trainerIsASubcommandThatRuns() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new BenchCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    assertThat(cli.getSubcommands()).containsKeys("topology", "trainer", "e2e");
    int exit = cli.execute("trainer", "--algorithms", "andmask", "--inputs", "16", "--hidden", "8", "--classes", "3",
        "--environments", "2", "--examples", "4", "--warmup", "1", "--iterations", "10", "--json");
    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("mlp 16-8-3", "andmask").contains("{\"benchmark\":\"trainer\"");
  }
}
