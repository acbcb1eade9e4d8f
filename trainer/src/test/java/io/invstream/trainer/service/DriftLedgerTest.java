package io.invstream.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.schemas.DriftDetector;
import io.invstream.schemas.DriftEvent;
import io.invstream.schemas.DriftSeverity;
import java.time.Instant;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class DriftLedgerTest {

  private final DriftLedger ledger = new DriftLedger();
  private final TopicPartition batches = new TopicPartition("p.batches", 0);

  private static DriftEvent event(long step) {
    return DriftEvent.newBuilder().setModelName("m").setEnvironment("b").setDetector(DriftDetector.KS)
        .setLevel(DriftSeverity.DRIFT).setFeatureIndex(0).setStatistic(1).setThreshold(0.5).setStep(step).setModelVersion(0)
        .setEventTime(Instant.EPOCH).setDetectedAt(Instant.EPOCH).build();
  }

  @Test
  void aBatchReReadAfterAnAbortIsNotObservedAgain() {
    assertThat(ledger.firstSight(batches, 0)).isTrue();
    assertThat(ledger.firstSight(batches, 1)).isTrue();

    assertThat(ledger.firstSight(batches, 0)).isFalse();
    assertThat(ledger.firstSight(batches, 1)).isFalse();
    assertThat(ledger.firstSight(batches, 2)).isTrue();
    assertThat(ledger.firstSight(new TopicPartition("p.batches", 1), 0)).as("another partition").isTrue();
  }

  @Test
  void eventsOfAnAbortedTransactionAreCarriedToTheNextOnceOnly() {
    ledger.sent(event(1));
    ledger.committed();
    ledger.sent(event(2));
    ledger.sent(event(3));

    ledger.aborted();

    assertThat(ledger.hasCarried()).isTrue();
    assertThat(ledger.takeCarried()).extracting(DriftEvent::getStep).containsExactly(2L, 3L);
    assertThat(ledger.takeCarried()).isEmpty();
    assertThat(ledger.hasCarried()).isFalse();
  }

  @Test
  void carriedEventsResentInATransactionThatAbortsAgainAreCarriedAgain() {
    ledger.sent(event(2));
    ledger.aborted();
    ledger.takeCarried().forEach(ledger::sent);

    ledger.aborted();

    assertThat(ledger.takeCarried()).extracting(DriftEvent::getStep).containsExactly(2L);
  }
}
