package io.invstream.topology.balance;

import io.invstream.core.deadletter.DeadLetters;
import io.invstream.core.topic.Topics;
import io.invstream.core.validation.RejectReason;
import io.invstream.core.validation.Rejection;
import io.invstream.schemas.BalancedBatch;
import io.invstream.topology.metrics.BalancerMetrics;
import io.invstream.topology.state.BufferedExample;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * What leaves a task, and its meters: batches go to the {@link BalancerProcessor#BATCHES} sink, dead
 * letters (the original bytes with their topic, partition and offset) to
 * {@link BalancerProcessor#DEAD_LETTERS}. Both are forwarded inside the task's transaction.
 */
final class Outputs {

  private static final String STAGE = "balancer";

  private final ProcessorContext<String, SpecificRecord> context;
  private final Topics topics;
  private final BalancerMetrics metrics;

  Outputs(ProcessorContext<String, SpecificRecord> context, Topics topics, BalancerMetrics metrics) {
    this.context = context;
    this.topics = topics;
    this.metrics = metrics;
  }

  /** The machine's clock, as Kafka Streams sees it (mocked by the test driver). */
  long wallClock() {
    return context.currentSystemTimeMs();
  }

  /** The prefix of this task's batch ids: {@code <application-id>:<task>:}. */
  String batchIdPrefix(String applicationId) {
    return applicationId + ":" + context.taskId() + ":";
  }

  /** Sends a batch and counts it, and its examples, which no longer wait in the buffers. */
  void batch(AssembledBatch assembled, long timestamp) {
    BalancedBatch batch = assembled.batch();
    context.forward(new Record<String, SpecificRecord>(batch.getBatchId(), batch, timestamp), BalancerProcessor.BATCHES);
    metrics.batch(batch.getReason());
    assembled.fresh().forEach((environment, count) -> {
      metrics.examples(environment, false, count);
      metrics.buffered(environment, -count);
    });
    assembled.replayed().forEach((environment, count) -> metrics.examples(environment, true, count));
  }

  /** Dead-letters a valid example that had to leave {@code environment}'s full buffer unbatched. */
  void overflow(String environment, BufferedExample shed, Rejection rejection, long timestamp) {
    metrics.buffered(environment, -1);
    metrics.dropped(environment, RejectReason.OVERFLOW);
    deadLetter(rejection, topics.environmentTopicName(environment), shed.partition(), shed.offset(), null, shed.raw(), timestamp);
  }

  /** Dead-letters the record at {@code topic}/{@code partition}/{@code offset}; {@code key} may be null. */
  void deadLetter(Rejection rejection, String topic, int partition, long offset, byte[] key, byte[] value, long timestamp) {
    metrics.deadLetter(rejection.reason());
    context.forward(new Record<String, SpecificRecord>(topic, DeadLetters.fromTopic(STAGE, rejection, topic, partition, offset,
        key, value, Instant.ofEpochMilli(wallClock())), timestamp), BalancerProcessor.DEAD_LETTERS);
  }
}
