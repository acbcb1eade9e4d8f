package io.invstream.app.bench;

import io.invstream.client.InputRange;
import io.invstream.client.ModelListener;
import io.invstream.client.ServingModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * Every model version a subscriber swapped in: when it became servable (wall clock) and how far
 * into each input partition its provenance reaches. Provenance is cumulative and versions arrive in
 * increasing order, so each partition's reach only grows along the log.
 */
final class VersionLog implements ModelListener {

  /** One version as the subscriber saw it. */
  private record Sighting(long version, long seenMillis, Map<TopicPartition, Long> lastOffsets) {}

  private final List<Sighting> sightings = new ArrayList<>();

  @Override
  public void onSwap(Optional<ServingModel> previous, ServingModel current) {
    Map<TopicPartition, Long> reach = new HashMap<>();
    for (InputRange range : current.metadata().provenance()) {
      reach.merge(new TopicPartition(range.topic(), range.partition()), range.lastOffset(), Math::max);
    }
    Sighting sighting = new Sighting(current.version(), System.currentTimeMillis(), reach);
    synchronized (sightings) {
      sightings.add(sighting);
    }
  }

  /** Versions seen so far. */
  int versions() {
    synchronized (sightings) {
      return sightings.size();
    }
  }

  /** Examples of {@code partition} the newest version covers: its last offset + 1 (offsets start at 0 on fresh topics). */
  long covered(TopicPartition partition) {
    synchronized (sightings) {
      return sightings.isEmpty() ? 0 : sightings.get(sightings.size() - 1).lastOffsets().getOrDefault(partition, -1L) + 1;
    }
  }

  /** When the first version whose provenance reaches {@code offset} of {@code partition} became servable; -1 if none has yet. */
  long firstServedCovering(TopicPartition partition, long offset) {
    synchronized (sightings) {
      int low = 0;
      int high = sightings.size();
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (sightings.get(mid).lastOffsets().getOrDefault(partition, -1L) >= offset) {
          high = mid;
        } else {
          low = mid + 1;
        }
      }
      return low < sightings.size() ? sightings.get(low).seenMillis() : -1;
    }
  }
}
