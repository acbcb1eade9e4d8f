package io.invstream.trainer.service;

import io.invstream.schemas.SourceRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Tracks what the trainer has consumed: the batch offsets to commit with the next transaction, and
 * the cumulative input ranges (batch topic and environment topics) every model has trained on.
 */
final class OffsetLedger {

  private final Map<TopicPartition, OffsetAndMetadata> pending = new LinkedHashMap<>();
  private final Map<TopicPartition, long[]> ranges = new LinkedHashMap<>();
  private Map<TopicPartition, long[]> committedRanges = new LinkedHashMap<>();

  /** Records a consumed batch record at {@code offset} and the input ranges it carried. */
  void consumed(TopicPartition partition, long offset, List<SourceRange> sources) {
    pending.put(partition, new OffsetAndMetadata(offset + 1));
    widen(partition, offset, offset);
    for (SourceRange source : sources) {
      widen(new TopicPartition(source.getTopic(), source.getPartition()), source.getFirstOffset(), source.getLastOffset());
    }
  }

  /** Starts from the provenance of a restored model. */
  void restore(List<SourceRange> provenance) {
    ranges.clear();
    for (SourceRange range : provenance) {
      widen(new TopicPartition(range.getTopic(), range.getPartition()), range.getFirstOffset(), range.getLastOffset());
    }
    committedRanges = copy(ranges);
  }

  Map<TopicPartition, OffsetAndMetadata> pendingOffsets() {
    return Map.copyOf(pending);
  }

  boolean hasPending() {
    return !pending.isEmpty();
  }

  /** Everything trained on so far, as provenance. */
  List<SourceRange> provenance() {
    List<SourceRange> out = new ArrayList<>();
    ranges.forEach((tp, range) -> out.add(new SourceRange(tp.topic(), tp.partition(), range[0], range[1])));
    return out;
  }

  /** The pending offsets were committed. */
  void committed() {
    pending.clear();
    committedRanges = copy(ranges);
  }

  /** The transaction was aborted: forget what it consumed. */
  void aborted() {
    pending.clear();
    ranges.clear();
    ranges.putAll(copy(committedRanges));
  }

  private void widen(TopicPartition partition, long first, long last) {
    ranges.merge(partition, new long[] {first, last}, (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
  }

  private static Map<TopicPartition, long[]> copy(Map<TopicPartition, long[]> source) {
    Map<TopicPartition, long[]> out = new LinkedHashMap<>();
    source.forEach((tp, range) -> out.put(tp, range.clone()));
    return out;
  }
}
