package io.invstream.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class E2eResultTest {

  private static final E2eSettings SETTINGS = new E2eSettings(List.of(10_000, 20_000, 40_000), Duration.ofSeconds(20),
      Duration.ofSeconds(15), Duration.ofSeconds(2), Duration.ofSeconds(60), 64, Duration.ofMillis(250), 1000);

  @Test
  void sustainedIsTheHighestRateKeptUpAndTheLatencyGoalIsJudgedAtTwentyThousand() throws Exception {
    E2eResult result = result(step(10_000, true, 700), step(20_000, true, 1_500), step(40_000, true, 3_000));

    JsonNode json = new ObjectMapper().readTree(result.json());

    assertThat(json.get("examplesPerSec").asLong()).isEqualTo(40_000);
    assertThat(json.get("latencyP99Ms").asDouble()).isEqualTo(3_000);
    assertThat(json.get("goalRate").asInt()).isEqualTo(20_000);
    assertThat(json.get("latencyP99AtGoalRateMs").asDouble()).isEqualTo(1_500);
    assertThat(json.get("goalsMet").get("examplesPerSec").asBoolean()).isTrue();
    assertThat(json.get("goalsMet").get("latencyP99AtGoalRate").asBoolean()).isTrue();
    assertThat(json.get("peakRssMb").asLong()).isEqualTo(900);
    assertThat(result.table()).contains("Sustained: 40,000 examples/s").contains("at 20,000/s: p99 1,500 ms");
  }

  @Test
  void aPipelineThatNeverKeptUpMeetsNoThroughputOrLatencyGoal() throws Exception {
    JsonNode json = new ObjectMapper().readTree(result(step(10_000, false, 9_000)).json());

    assertThat(json.get("examplesPerSec").asLong()).isZero();
    assertThat(json.get("latencyP99Ms").isNull()).isTrue();
    assertThat(json.get("goalsMet").get("examplesPerSec").asBoolean()).isFalse();
    assertThat(json.get("goalsMet").get("latencyP99AtGoalRate").asBoolean()).isFalse();
  }

  private static E2eResult result(StepResult... steps) {
    return new E2eResult(SETTINGS, List.of(steps), 900, 10, 0, 100, Map.of("trainer", 0.5),
        new RunContext(17, 10, "andmask", "mlp", 2, 1.0, 1.0));
  }

  private static StepResult step(int rate, boolean keptUp, double p99) {
    return new StepResult(rate, rate, rate, 100, 0.01, keptUp, new LatencySummary(rate * 20L, 0, p99 / 3, p99, p99 + 1));
  }
}
