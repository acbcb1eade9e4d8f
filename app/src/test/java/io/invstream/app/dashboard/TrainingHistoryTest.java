package io.invstream.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingHistoryTest {

  @Test
  @SuppressWarnings("unchecked")
  void driftEventsAreListedNewestFirstWithTheirDetailsAndCounted() {
    Map<String, Object> snapshot = SyntheticHistory.fed().snapshot();

    List<Map<String, Object>> events = (List<Map<String, Object>>) snapshot.get("events");
    assertThat(events).extracting(e -> e.get("detector")).containsExactly("KS", "ADWIN", "PAGE_HINKLEY");
    assertThat(events.get(0)).containsEntry("type", "drift").containsEntry("environment", "env-01")
        .containsEntry("level", "DRIFT").containsEntry("feature", "feature 0").containsEntry("step", 231L)
        .containsEntry("statistic", "0.4200 > 0.2100");
    assertThat(events.get(1)).containsEntry("feature", "loss");
    assertThat(List.copyOf(events.get(0).keySet())).as("columns in a fixed order")
        .startsWith("step", "type", "environment", "detector", "level", "feature");
    assertThat(snapshot.get("drift")).isEqualTo(Map.of("warnings", 1L, "drifts", 2L));
  }

  @Test
  void theHeaderFiguresFollowTheLatestStep() {
    Map<String, Object> snapshot = SyntheticHistory.fed().snapshot();

    assertThat(snapshot).containsEntry("step", (long) SyntheticHistory.STEPS).containsEntry("modelVersion", SyntheticHistory.MODEL_VERSION)
        .containsEntry("algorithm", "andmask").containsEntry("heldOut", List.of("test-00"))
        .containsEntry("examples", (long) SyntheticHistory.STEPS * 64 * SyntheticHistory.TRAINING.size());
  }

  @Test
  void aModelPublishedBetweenStepsRaisesTheVersionButNeverLowersIt() {
    TrainingHistory history = SyntheticHistory.fed();

    history.recordModelVersion(SyntheticHistory.MODEL_VERSION + 1);
    history.recordModelVersion(1);

    assertThat(history.snapshot()).containsEntry("modelVersion", SyntheticHistory.MODEL_VERSION + 1);
  }
}
