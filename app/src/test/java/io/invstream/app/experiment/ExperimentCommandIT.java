package io.invstream.app.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A miniature experiment (seconds): every output file is written, and a second call reuses the runs. */
class ExperimentCommandIT {

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir Path folder;

  @Test
  void writesTheReportRunFilesAndPlotsAndReusesFinishedRuns() throws Exception {
    Path protocols = folder.resolve("protocols.properties");
    Files.writeString(protocols, String.join("\n",
        "datasets = synthetic",
        "synthetic.args = --dataset synthetic --environments 3 --examples-per-env 40 --hidden 8 --k 8 --steps 10"
            + " --eval-every 5",
        "synthetic.hp.sandmask = tau=0.5",
        "synthetic.hp.irm-from-another-branch = lambda=1",
        ""));
    Path out = folder.resolve("out");

    experiment(protocols, out);

    assertThat(out.resolve("report.md")).exists();
    String report = Files.readString(out.resolve("report.md"));
    assertThat(report).contains("## synthetic").contains("| erm |").contains("| andmask |").contains("tau=0.5")
        .contains("./invstream replay --dataset synthetic").contains("[irm-from-another-branch]")
        .contains("Colored Fashion-MNIST: ERM test accuracy ≤ 30 % | - | not run");
    for (String algorithm : List.of("erm", "andmask", "sandmask")) {
      assertThat(out.resolve("runs/synthetic/" + algorithm + "-seed1.json")).isNotEmptyFile();
      assertPng(out.resolve("plots/synthetic-" + algorithm + "-seed1.png"));
    }
    assertPng(out.resolve("plots/synthetic-test-accuracy.png"));

    Path run = out.resolve("runs/synthetic/erm-seed1.json");
    FileTime written = FileTime.fromMillis(0);
    Files.setLastModifiedTime(run, written);
    experiment(protocols, out);
    assertThat(Files.getLastModifiedTime(run)).as("a finished run is read back, not run again").isEqualTo(written);

    experiment(protocols, out, "--report-only", "--seeds", "1,2");
    assertThat(out.resolve("runs/synthetic/erm-seed2.json")).doesNotExist();
    assertThat(Files.readString(out.resolve("report.md"))).contains("Not run yet")
        .contains("[erm seed 2, andmask seed 2, sandmask seed 2]");
  }

  private static void experiment(Path protocols, Path out, String... more) {
    PrintStream err = System.err;
    PrintStream stdout = System.out;
    try {
      System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      List<String> arguments = new java.util.ArrayList<>(List.of("--protocols", protocols.toString(), "--out",
          out.toString(), "--algorithms", "erm,andmask,sandmask"));
      arguments.addAll(List.of(more));
      int code = new CommandLine(new ExperimentCommand()).execute(arguments.toArray(String[]::new));
      assertThat(code).isZero();
    } finally {
      System.setErr(err);
      System.setOut(stdout);
    }
  }

  private static void assertPng(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    assertThat(bytes.length).isGreaterThan(1000);
    assertThat(java.util.Arrays.copyOf(bytes, 8)).isEqualTo(PNG_SIGNATURE);
  }
}
