package io.invstream.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.schemas.BalancedBatch;
import io.invstream.schemas.BatchReason;
import io.invstream.schemas.Example;
import io.invstream.trainer.session.DriftStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreshExamplesTest {

  private final List<Example> examples = new DriftStream(1).batch(2, 0, false);

  private BalancedBatch batch(List<Boolean> replayed) {
    return BalancedBatch.newBuilder().setBatchId("b").setCreatedAt(Instant.EPOCH).setReason(BatchReason.REPLAY)
        .setEnvironments(DriftStream.ENVIRONMENTS).setMissingEnvironments(List.of()).setExamples(examples).setReplayed(replayed)
        .setSources(List.of()).build();
  }

  @Test
  void replayedExamplesAreLeftOut() {
    assertThat(FreshExamples.of(batch(List.of(false, false, true, true)))).containsExactly(examples.get(0), examples.get(1));
  }

  @Test
  void aBatchWithoutReplayFlagsOrReplaysIsTakenWhole() {
    assertThat(FreshExamples.of(batch(List.of()))).isEqualTo(examples);
    assertThat(FreshExamples.of(batch(List.of(false, false, false, false)))).isEqualTo(examples);
  }
}
