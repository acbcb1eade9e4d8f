package io.invstream.app.bench;

import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** How far the served model trails the producers: examples on the input topics that no served version has trained past. */
final class Backlog {

  private final KafkaConsumer<byte[], byte[]> probe;
  private final List<TopicPartition> inputs;
  private final VersionLog versions;

  Backlog(KafkaConsumer<byte[], byte[]> probe, List<TopicPartition> inputs, VersionLog versions) {
    this.probe = probe;
    this.inputs = List.copyOf(inputs);
    this.versions = versions;
    // Assigned, though never polled here: end offsets of unassigned partitions make a read-committed consumer warn.
    probe.assign(this.inputs);
  }

  /** Examples on the input topics (fresh topics: offsets start at 0 and the producer is not transactional). */
  long produced() {
    return probe.endOffsets(inputs).values().stream().mapToLong(Long::longValue).sum();
  }

  /** Examples the newest served version covers. */
  long covered() {
    return inputs.stream().mapToLong(versions::covered).sum();
  }

  long behind() {
    return Math.max(0, produced() - covered());
  }
}
