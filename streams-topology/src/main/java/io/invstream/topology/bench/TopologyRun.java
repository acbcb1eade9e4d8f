package io.invstream.topology.bench;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * Runs one topology over the whole input and times it from RUNNING until its committed offsets reach
 * the input's end: the same measure for every topology, taken from outside it.
 */
final class TopologyRun {

  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private TopologyRun() {}

  /** Records/s of {@code topology} consuming {@code endOffsets} (input partition to end offset). */
  static double measure(Admin admin, Topology topology, Properties properties, Map<TopicPartition, Long> endOffsets,
      Duration timeout) {
    String group = properties.getProperty("application.id");
    long total = endOffsets.values().stream().mapToLong(Long::longValue).sum();
    try (KafkaStreams streams = new KafkaStreams(topology, properties)) {
      streams.start();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (streams.state() != KafkaStreams.State.RUNNING) {
        pause(deadline, "reach RUNNING", streams);
      }
      long start = System.nanoTime();
      while (committed(admin, group, endOffsets.keySet()) < total) {
        pause(deadline, "consume its input", streams);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      streams.close(Duration.ofSeconds(30));
      streams.cleanUp();
      return total / seconds;
    }
  }

  private static long committed(Admin admin, String group, Set<TopicPartition> partitions) {
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(Map.of(group,
          new ListConsumerGroupOffsetsSpec().topicPartitions(partitions))).partitionsToOffsetAndMetadata(group)
          .get(10, TimeUnit.SECONDS);
      return offsets.values().stream().filter(offset -> offset != null).mapToLong(OffsetAndMetadata::offset).sum();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot read the committed offsets of " + group + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  private static void pause(long deadline, String what, KafkaStreams streams) {
    if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
      throw new IllegalStateException("The topology stopped (" + streams.state() + ") before it could " + what);
    }
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException("The topology did not " + what + " in time; raise the timeout or lower the records");
    }
    LockSupport.parkNanos(POLL_NANOS);
  }
}
