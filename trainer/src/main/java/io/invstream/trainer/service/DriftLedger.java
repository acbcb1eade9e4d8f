package io.invstream.trainer.service;

import io.invstream.schemas.DriftEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Keeps drift events exactly once across aborted transactions.
 *
 * <p>The drift monitor is not rolled back with the trainer: after an abort the re-read batches
 * would be observed a second time, and the events sent in the aborted transaction would be lost,
 * since the monitor's levels already changed. So each batch offset is observed once
 * ({@link #firstSight}), and the events of an aborted transaction are carried over to the next one.
 */
final class DriftLedger {

  private final Map<TopicPartition, Long> observedUpTo = new HashMap<>();
  private final List<DriftEvent> inTransaction = new ArrayList<>();
  private final List<DriftEvent> carried = new ArrayList<>();

  /** True the first time the batch at {@code offset} is seen; false when it is re-read after an abort. */
  boolean firstSight(TopicPartition partition, long offset) {
    Long seen = observedUpTo.get(partition);
    if (seen != null && offset <= seen) {
      return false;
    }
    observedUpTo.put(partition, offset);
    return true;
  }

  /** Records an event sent in the open transaction. */
  void sent(DriftEvent event) {
    inTransaction.add(event);
  }

  /** The open transaction committed. */
  void committed() {
    inTransaction.clear();
  }

  /** The open transaction aborted: its events must be sent again. */
  void aborted() {
    carried.addAll(inTransaction);
    inTransaction.clear();
  }

  /** Events of aborted transactions not yet sent again; the caller sends them in the open transaction. */
  List<DriftEvent> takeCarried() {
    List<DriftEvent> out = List.copyOf(carried);
    carried.clear();
    return out;
  }

  boolean hasCarried() {
    return !carried.isEmpty();
  }
}
