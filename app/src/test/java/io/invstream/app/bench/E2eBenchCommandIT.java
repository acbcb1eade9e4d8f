package io.invstream.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A small run of {@code bench e2e} on its own embedded broker: it completes and reports what it promises. */
class E2eBenchCommandIT {

  @Test
  void printsATableThenTheFiguresAsOneJsonObjectOnTheLastLine() throws Exception {
    StringWriter out = new StringWriter();
    int exit = new CommandLine(new BenchCommand()).setOut(new PrintWriter(out)).execute("e2e", "--rates", "200,400",
        "--step-seconds", "3", "--warmup-seconds", "2", "--drain-seconds", "60", "--environments", "2", "--hidden", "16",
        "--k", "8", "--json");

    assertThat(exit).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(0)).contains("target/s").contains("p99 ms");
    assertThat(String.join("\n", lines)).contains("Sustained:").contains("peak RSS");
    JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertThat(json.has("examplesPerSec")).isTrue();
    assertThat(json.has("latencyP50Ms")).isTrue();
    assertThat(json.has("latencyP99Ms")).isTrue();
    assertThat(json.get("peakRssMb").asLong()).isPositive();
    assertThat(json.get("versionsServed").asInt()).isPositive();
    JsonNode first = json.get("steps").get(0);
    assertThat(first.get("targetRate").asInt()).isEqualTo(200);
    assertThat(first.get("examples").asLong()).isPositive();
    assertThat(first.get("examples").asLong()).isGreaterThanOrEqualTo(first.get("uncovered").asLong());
  }
}
