package io.invstream.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invstream.app.cli.InvstreamCli;
import io.invstream.trainer.replay.ReplayListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReplayCommandTest {

  private static final String[] SYNTHETIC = {"--dataset", "synthetic", "--environments", "3", "--examples-per-env", "40",
      "--hidden", "8", "--k", "8", "--steps", "12", "--eval-every", "4", "--algorithm", "andmask", "--seed", "3"};

  @TempDir Path folder;

  @Test
  void theLastLineIsOneJsonObjectWithTheAgreedFields() throws Exception {
    JsonNode json = new ObjectMapper().readTree(lastLine(run(SYNTHETIC)));
    assertThat(json.get("algorithm").asText()).isEqualTo("andmask");
    assertThat(json.get("steps").asLong()).isEqualTo(12);
    assertThat(json.get("trainAccuracy").fieldNames()).toIterable().containsExactly("env-00", "env-01", "env-02");
    assertThat(json.get("testAccuracy").isNumber()).isTrue();
    assertThat(json.get("heldOutAccuracy").fieldNames()).toIterable().containsExactly("test-00");
    assertThat(json.get("worstEnvAccuracy").asDouble()).isBetween(0.0, json.get("testAccuracy").asDouble());
    assertThat(json.get("selection").get("rule").asText()).isEqualTo("training-domain-validation");
    assertThat(json.get("last").get("step").asLong()).isEqualTo(12);
    assertThat(json.get("oracle").get("rule").asText()).contains("oracle");
    assertThat(json.get("hyperparameters").get("hp.tau").asText()).isEqualTo("1.0");
  }

  @Test
  void theSameSeedPrintsTheSameJson() throws Exception {
    String first = lastLine(run(SYNTHETIC));
    assertThat(lastLine(run(SYNTHETIC))).isEqualTo(first);
    String[] otherSeed = SYNTHETIC.clone();
    otherSeed[otherSeed.length - 1] = "4";
    assertThat(lastLine(run(otherSeed))).isNotEqualTo(first);
  }

  @Test
  void aCsvFileTrainsAndItsBadRowsAreCountedWithTheirLineNumbers() throws Exception {
    Path csv = folder.resolve("small.csv");
    List<String> lines = new ArrayList<>(List.of("env,label,f0,f1"));
    for (int i = 0; i < 30; i++) {
      int label = i % 2;
      lines.add("red," + label + "," + (label * 2 - 1) + "," + (i % 3));
      lines.add("green," + label + "," + (label * 2 - 1) + "," + (i % 5));
      lines.add("blue," + label + "," + (label * 2 - 1) + ",0.5");
    }
    lines.add(3, "red,1,nan,0");
    lines.add(5, "green,,1,0");
    lines.add(7, "blue,0,1");
    Files.write(csv, lines, StandardCharsets.UTF_8);

    JsonNode json = new ObjectMapper().readTree(lastLine(run("--data", csv.toString(), "--test-env", "blue", "--hidden",
        "4", "--k", "5", "--steps", "6", "--algorithm", "erm", "--json")));

    assertThat(json.get("dataset").asText()).isEqualTo("small.csv");
    assertThat(json.get("rejected").get("count").asLong()).isEqualTo(3);
    assertThat(json.get("rejected").get("first").get(0).asText()).startsWith("small.csv:4:").contains("NON_FINITE");
    assertThat(json.get("rejected").get("first").get(1).asText()).startsWith("small.csv:6:").contains("MISSING_LABEL");
    assertThat(json.get("rejected").get("first").get(2).asText()).startsWith("small.csv:8:").contains("MALFORMED");
    assertThat(json.get("trainAccuracy").fieldNames()).toIterable().containsExactly("red", "green");
    assertThat(json.get("heldOutAccuracy").fieldNames()).toIterable().containsExactly("blue");
  }

  @Test
  void anUnknownTestEnvironmentIsAnErrorNamingTheEnvironments() {
    ReplayCommand command = new ReplayCommand();
    new CommandLine(command).parseArgs("--dataset", "synthetic", "--environments", "2", "--test-env", "nowhere");
    assertThatThrownBy(() -> command.replay(ReplayListener.NONE, new PrintStream(new ByteArrayOutputStream())))
        .hasMessageContaining("'nowhere'").hasMessageContaining("env-00");
  }

  @Test
  void saveRunWritesTheArgumentsThatReproduceTheRun() throws Exception {
    Path record = folder.resolve("run.json");
    List<String> arguments = new ArrayList<>(List.of("replay"));
    arguments.addAll(List.of(SYNTHETIC));
    arguments.addAll(List.of("--save-run", record.toString(), "--json"));
    PrintStream err = System.err;
    PrintStream out = System.out;
    try {
      System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      assertThat(InvstreamCli.execute(arguments.toArray(String[]::new), Map.of())).isZero();
    } finally {
      System.setErr(err);
      System.setOut(out);
    }
    JsonNode json = new ObjectMapper().readTree(record.toFile());
    assertThat(json.get("arguments")).extracting(JsonNode::asText).containsExactly(SYNTHETIC);
    assertThat(json.get("history")).hasSize(3);
    assertThat(json.get("summary").get("steps").asLong()).isEqualTo(12);
  }

  /** Runs the command line; returns standard output. Progress goes to standard error and is dropped. */
  private static String run(String... arguments) {
    List<String> all = new ArrayList<>(List.of(arguments));
    if (!all.contains("--json")) {
      all.add("--json");
    }
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      int code = new CommandLine(new ReplayCommand()).execute(all.toArray(String[]::new));
      assertThat(code).as("exit code").isZero();
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  private static String lastLine(String output) {
    String[] lines = output.strip().split("\n");
    return lines[lines.length - 1];
  }
}
