package io.invstream.topology.balance;

import io.invstream.core.topic.Topics;
import io.invstream.core.validation.RejectReason;
import io.invstream.core.validation.Rejection;
import io.invstream.schemas.Example;
import io.invstream.topology.BalancerConfig;
import io.invstream.topology.TimeMode;
import io.invstream.topology.intake.ExampleIntake;
import io.invstream.topology.intake.Intake;
import io.invstream.topology.metrics.BalancerMetrics;
import io.invstream.topology.reservoir.ReservoirSampling;
import io.invstream.topology.state.BufferedExample;
import io.invstream.topology.state.TaskMeta;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * One task's balancer: reads the examples of partition p of every environment topic, buffers them
 * per environment (and class) in its {@link TaskBuffers}, and lets its {@link BatchCutter} cut
 * balanced batches after every example and at every wall-clock tick.
 *
 * <p>State lives in one store laid out by {@link TaskStore}. Under exactly-once the changelog writes,
 * the batches, the dead letters and the input offsets commit in one transaction, and {@link #init}
 * rebuilds the buffers from the store: after any failure they are exactly those of the last commit
 * and the input is re-read from there.
 */
public final class BalancerProcessor implements Processor<byte[], byte[], String, SpecificRecord> {

  /** Child node receiving batches. */
  public static final String BATCHES = "batches";
  /** Child node receiving dead letters. */
  public static final String DEAD_LETTERS = "dead-letters";

  private final BalancerConfig config;
  private final Topics topics;
  private final String storeName;
  private final BalancerMetrics metrics;
  private final ExampleIntake intake;
  private final ReservoirSampling reservoir;
  private final boolean eventTime;
  private final Map<String, String> environmentByTopic = new HashMap<>();

  private ProcessorContext<String, SpecificRecord> context;
  private TaskStore store;
  private TaskBuffers buffers;
  private Outputs outputs;
  private BatchCutter cutter;
  private long streamTime;
  private long lastRecordWallClock;
  private Cancellable punctuator;

  public BalancerProcessor(BalancerConfig config, String storeName, BalancerMetrics metrics) {
    this.config = config;
    this.topics = config.topics();
    this.storeName = storeName;
    this.metrics = metrics;
    this.intake = new ExampleIntake(config.featureCount(), config.classes());
    this.reservoir = new ReservoirSampling(config.reservoirSize(), config.seed());
    this.eventTime = config.timeMode() == TimeMode.EVENT_TIME;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> processorContext) {
    context = processorContext;
    store = new TaskStore(context.getStateStore(storeName), config, reservoir, intake::decodeTrusted);
    StateRestorer.Restored restored = store.restore();
    TaskMeta meta = restored.meta();
    streamTime = meta.streamTime();
    if (meta.featureCount() > 0) {
      intake.enforceFeatureCount(meta.featureCount());
    }
    long now = context.currentSystemTimeMs();
    lastRecordWallClock = now;
    buffers = new TaskBuffers(restored.environments(), store, metrics);
    outputs = new Outputs(context, topics, metrics);
    // A wall-clock batch re-opens at start-up so the others' backlog can arrive; event time resumes.
    TaskMeta resume = eventTime ? meta : new TaskMeta(meta.nextBatchSequence(), streamTime, now, meta.featureCount());
    cutter = new BatchCutter(config, reservoir, buffers, store, outputs, resume, this::writeMeta);
    punctuator = context.schedule(tickInterval(), PunctuationType.WALL_CLOCK_TIME, this::tick);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RecordMetadata source = context.recordMetadata().orElseThrow();
    String environment = environmentByTopic.computeIfAbsent(source.topic(), topic -> topics.environmentOf(topic).orElseThrow());
    lastRecordWallClock = context.currentSystemTimeMs();
    int learntBefore = intake.featureCount();
    Intake outcome = intake.read(source.topic(), environment, record.value());
    if (outcome instanceof Intake.Refused refused) {
      deadLetter(refused.rejection(), source, record);
      return;
    }
    if (learntBefore == 0 && intake.featureCount() > 0) {
      writeMeta();
    }
    Example example = ((Intake.Accepted) outcome).example();
    long exampleTime = example.getEventTime().toEpochMilli();
    if (eventTime && isLate(exampleTime)) {
      metrics.late(environment);
      metrics.dropped(environment, RejectReason.LATE);
      deadLetter(new Rejection(RejectReason.LATE, "example " + example.getId() + " has event time " + example.getEventTime()
          + ", more than the grace period " + config.grace() + " behind stream time " + Instant.ofEpochMilli(streamTime)),
          source, record);
      return;
    }
    if (eventTime) {
      streamTime = Math.max(streamTime, exampleTime);
    }
    accept(environment, example, exampleTime, source, record.value());
  }

  private void accept(String environment, Example example, long exampleTime, RecordMetadata source, byte[] raw) {
    long now = clock();
    EnvironmentBuffer buffer = buffers.join(environment);
    buffer.sawEventTime(exampleTime);
    Bucket bucket = buffer.bucket(config.classBalance() ? example.getLabel() : 0);
    cutter.makeRoom(bucket, now);
    store.hold(bucket, new BufferedExample(bucket.nextSequence(), source.partition(), source.offset(), now, raw, example));
    metrics.buffered(environment, 1);
    cutter.cut(now, false);
  }

  /** Wall-clock punctuation: publishes lag, retires idle environments and cuts what is ready or due. */
  private void tick(long wallClock) {
    long now = clock();
    buffers.publishLag();
    // In event time, stream time stops when every input does: the wall clock then retires and flushes.
    boolean stalled = eventTime && wallClock - lastRecordWallClock >= config.idleTimeout().toMillis();
    buffers.retireIdle(now, config.idleTimeout().toMillis(), stalled);
    cutter.cut(now, stalled);
  }

  private void deadLetter(Rejection rejection, RecordMetadata source, Record<byte[], byte[]> record) {
    outputs.deadLetter(rejection, source.topic(), source.partition(), source.offset(), record.key(), record.value(),
        record.timestamp());
  }

  private void writeMeta() {
    store.writeMeta(new TaskMeta(cutter.nextBatchSequence(), streamTime, cutter.lastCut(), intake.featureCount()));
  }

  private boolean isLate(long exampleTime) {
    return streamTime != Clocks.NEVER && exampleTime < streamTime - config.grace().toMillis();
  }

  /** The clock of deadlines and idleness: stream time in event-time mode, else the wall clock. */
  private long clock() {
    return eventTime ? streamTime : context.currentSystemTimeMs();
  }

  private Duration tickInterval() {
    return Duration.ofMillis(Math.max(10, Math.min(1000, config.maxWait().toMillis() / 4)));
  }

  @Override
  public void close() {
    if (punctuator != null) {
      punctuator.cancel();
    }
    if (buffers != null) {
      buffers.release();
    }
  }
}
