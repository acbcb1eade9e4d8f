package io.invstream.topology.balance;

import io.invstream.core.deadletter.DeadLetters;
import io.invstream.core.topic.Topics;
import io.invstream.core.validation.RejectReason;
import io.invstream.core.validation.Rejection;
import io.invstream.schemas.BalancedBatch;
import io.invstream.schemas.Example;
import io.invstream.topology.BalancerConfig;
import io.invstream.topology.TimeMode;
import io.invstream.topology.intake.ExampleIntake;
import io.invstream.topology.intake.Intake;
import io.invstream.topology.metrics.BalancerMetrics;
import io.invstream.topology.reservoir.ReplayDraw;
import io.invstream.topology.reservoir.ReservoirSampling;
import io.invstream.topology.state.BucketKey;
import io.invstream.topology.state.BufferedExample;
import io.invstream.topology.state.StoreKeys;
import io.invstream.topology.state.TaskMeta;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One task's balancer: reads the examples of partition p of every environment topic, buffers them
 * per environment (and class), and cuts balanced batches by count, by deadline and by policy.
 *
 * <p>State: every accepted example is written once, to the slot its sequence maps to; cutting a batch
 * writes each consumed bucket's header and the task's metadata, never one delete per example. The
 * store is cached, so a slot overwritten several times within a commit interval reaches the changelog
 * once. Under exactly-once the changelog writes, the batches, the dead letters and the input offsets
 * commit in one transaction, and {@link #init} rebuilds the in-memory buffers from the store: after
 * any failure the buffers are exactly those of the last commit and the input is re-read from there.
 */
public final class BalancerProcessor implements Processor<byte[], byte[], String, SpecificRecord> {

  /** Child node receiving batches. */
  public static final String BATCHES = "batches";
  /** Child node receiving dead letters. */
  public static final String DEAD_LETTERS = "dead-letters";
  private static final String STAGE = "balancer";

  private final BalancerConfig config;
  private final Topics topics;
  private final String storeName;
  private final BalancerMetrics metrics;
  private final ExampleIntake intake;
  private final ReservoirSampling reservoir;
  private final CutPlanner planner;
  private final BatchAssembler assembler;
  private final boolean eventTime;

  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<Bytes, byte[]> store;
  private Map<String, EnvironmentBuffer> environments;
  private long nextBatchSequence;
  private long streamTime;
  private long lastCut;
  private long lastRecordWallClock;
  private Cancellable punctuator;
  private final Map<String, String> environmentByTopic = new HashMap<>();

  public BalancerProcessor(BalancerConfig config, String storeName, BalancerMetrics metrics) {
    this.config = config;
    this.topics = config.topics();
    this.storeName = storeName;
    this.metrics = metrics;
    this.intake = new ExampleIntake(config.featureCount(), config.classes());
    this.reservoir = new ReservoirSampling(config.reservoirSize(), config.seed());
    this.planner = new CutPlanner(config, reservoir);
    this.assembler = new BatchAssembler(topics, reservoir, new ReplayDraw(config.seed()));
    this.eventTime = config.timeMode() == TimeMode.EVENT_TIME;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> processorContext) {
    context = processorContext;
    store = context.getStateStore(storeName);
    StateRestorer.Restored restored = StateRestorer.restore(store, config, intake::decodeTrusted);
    TaskMeta meta = restored.meta();
    environments = restored.environments();
    nextBatchSequence = meta.nextBatchSequence();
    streamTime = meta.streamTime();
    if (meta.featureCount() > 0) {
      intake.enforceFeatureCount(meta.featureCount());
    }
    long now = context.currentSystemTimeMs();
    // A wall-clock batch re-opens at start-up so the others' backlog can arrive; event time resumes.
    lastCut = eventTime ? meta.lastCut() : now;
    lastRecordWallClock = now;
    environments.values().forEach(this::adoptCapacity);
    environments.values().forEach(environment -> metrics.buffered(environment.name(), environment.buffered()));
    metrics.restored(environments.size());
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
      deadLetter(refused.rejection(), source, record.key(), record.value(), record.timestamp());
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
          source, record.key(), record.value(), record.timestamp());
      return;
    }
    if (eventTime) {
      streamTime = Math.max(streamTime, exampleTime);
    }
    accept(environment, example, exampleTime, source, record.value());
  }

  private void accept(String environment, Example example, long exampleTime, RecordMetadata source, byte[] raw) {
    long now = clock();
    EnvironmentBuffer buffer = environments.computeIfAbsent(environment, this::newEnvironment);
    buffer.sawEventTime(exampleTime);
    if (!buffer.active()) {
      buffer.setActive(true);
      metrics.joined(environment);
    }
    Bucket bucket = buffer.bucket(config.classBalance() ? example.getLabel() : 0);
    if (bucket.isFull()) {
      // A full buffer makes the batch due now; if the policy still cannot cut, the oldest example gives way.
      cutDue(now);
      if (bucket.isFull()) {
        shedOldest(bucket);
      }
    }
    BufferedExample held = new BufferedExample(bucket.nextSequence(), source.partition(), source.offset(), now, raw, example);
    store.put(bucket.slotKey(held.sequence()), held.encode());
    int reservoirIndex = reservoir.indexFor(bucket.key().fingerprint(), held.sequence());
    if (reservoirIndex >= 0) {
      store.put(StoreKeys.reservoir(bucket.key(), reservoirIndex), raw);
    }
    bucket.add(held);
    metrics.buffered(environment, 1);
    cutWhileFull(now);
    if (isDue(now)) {
      cutDue(now);
    }
  }

  private void tick(long wallClock) {
    long now = clock();
    environments.values().forEach(environment -> metrics.seen(environment.name(), environment.newestEventTime()));
    boolean stalled = eventTime && wallClock - lastRecordWallClock >= config.idleTimeout().toMillis();
    retireIdle(now, stalled);
    cutWhileFull(now);
    if (isDue(now) || (stalled && buffered() > 0)) {
      cutDue(now);
    }
  }

  /** Retires environments with nothing buffered that sent nothing for the idle timeout (all of them when stalled). */
  private void retireIdle(long now, boolean stalled) {
    for (EnvironmentBuffer environment : environments.values()) {
      if (environment.active() && environment.buffered() == 0
          && (stalled || elapsed(environment.lastSeen(), now) >= config.idleTimeout().toMillis())) {
        environment.setActive(false);
        metrics.retired(environment.name());
      }
    }
  }

  private void cutWhileFull(long now) {
    Optional<CutPlan> plan = planner.full(environments.values());
    while (plan.isPresent()) {
      emit(plan.get(), now);
      plan = planner.full(environments.values());
    }
  }

  private boolean cutDue(long now) {
    Optional<CutPlan> plan = planner.due(environments.values());
    plan.ifPresent(cut -> emit(cut, now));
    return plan.isPresent();
  }

  private void emit(CutPlan plan, long now) {
    long sequence = nextBatchSequence++;
    String batchId = config.applicationId() + ":" + context.taskId() + ":" + sequence;
    AssembledBatch assembled = assembler.assemble(plan, batchId, sequence, Instant.ofEpochMilli(context.currentSystemTimeMs()),
        (bucket, index) -> intake.decodeTrusted(store.get(StoreKeys.reservoir(bucket, index))));
    for (Bucket bucket : assembled.consumed()) {
      store.put(StoreKeys.header(bucket.key()), bucket.header().encode());
    }
    lastCut = now;
    writeMeta();
    BalancedBatch batch = assembled.batch();
    context.forward(new Record<String, SpecificRecord>(batch.getBatchId(), batch, outputTimestamp(now)), BATCHES);
    metrics.batch(batch.getReason());
    assembled.fresh().forEach((environment, count) -> {
      metrics.examples(environment, false, count);
      metrics.buffered(environment, -count);
    });
    assembled.replayed().forEach((environment, count) -> metrics.examples(environment, true, count));
  }

  private void shedOldest(Bucket bucket) {
    BufferedExample oldest = bucket.take(1).get(0);
    store.put(StoreKeys.header(bucket.key()), bucket.header().encode());
    writeMeta();
    String environment = bucket.key().environment();
    metrics.buffered(environment, -1);
    metrics.dropped(environment, RejectReason.OVERFLOW);
    Rejection rejection = new Rejection(RejectReason.OVERFLOW, "example " + oldest.example().getId() + " of " + environment
        + " waited in a full buffer (" + bucket.capacity() + " examples) while no batch could be cut; raise bufferBatches, "
        + "lower the idle timeout or use policy REPLAY or PARTIAL");
    String topic = topics.environmentTopicName(environment);
    forwardDeadLetter(rejection, topic, oldest.partition(), oldest.offset(), null, oldest.raw(), outputTimestamp(clock()));
  }

  private void deadLetter(Rejection rejection, RecordMetadata source, byte[] key, byte[] value, long timestamp) {
    forwardDeadLetter(rejection, source.topic(), source.partition(), source.offset(), key, value, timestamp);
  }

  private void forwardDeadLetter(Rejection rejection, String topic, int partition, long offset, byte[] key, byte[] value,
      long timestamp) {
    metrics.deadLetter(rejection.reason());
    context.forward(new Record<String, SpecificRecord>(topic, DeadLetters.fromTopic(STAGE, rejection, topic, partition, offset,
        key, value, Instant.ofEpochMilli(context.currentSystemTimeMs())), timestamp), DEAD_LETTERS);
  }

  private EnvironmentBuffer newEnvironment(String name) {
    Bucket[] buckets = new Bucket[config.bucketsPerEnvironment()];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new Bucket(new BucketKey(name, i), config.bucketCapacity(name, i));
      // The header records the slot layout before the first slot is written.
      store.put(StoreKeys.header(buckets[i].key()), buckets[i].header().encode());
    }
    metrics.joined(name);
    return new EnvironmentBuffer(name, buckets);
  }

  /** Re-lays a bucket's held examples when its configured capacity changed since they were written. */
  private void adoptCapacity(EnvironmentBuffer environment) {
    for (Bucket bucket : environment.buckets()) {
      if (bucket.resize(config.bucketCapacity(environment.name(), bucket.key().bucket()))) {
        for (BufferedExample held : bucket.held()) {
          store.put(bucket.slotKey(held.sequence()), held.encode());
        }
        store.put(StoreKeys.header(bucket.key()), bucket.header().encode());
      }
    }
  }

  private void writeMeta() {
    store.put(StoreKeys.meta(), new TaskMeta(nextBatchSequence, streamTime, lastCut, intake.featureCount()).encode());
  }

  private boolean isLate(long exampleTime) {
    return streamTime != Long.MIN_VALUE && exampleTime < streamTime - config.grace().toMillis();
  }

  private boolean isDue(long now) {
    long oldest = Long.MAX_VALUE;
    for (EnvironmentBuffer environment : environments.values()) {
      oldest = Math.min(oldest, environment.oldestArrival());
    }
    return oldest != Long.MAX_VALUE && elapsed(Math.max(lastCut, oldest), now) >= config.maxWait().toMillis();
  }

  private int buffered() {
    int total = 0;
    for (EnvironmentBuffer environment : environments.values()) {
      total += environment.buffered();
    }
    return total;
  }

  private long clock() {
    return eventTime ? streamTime : context.currentSystemTimeMs();
  }

  private long outputTimestamp(long now) {
    return now == Long.MIN_VALUE ? context.currentSystemTimeMs() : now;
  }

  /** {@code to - from}, saturating instead of overflowing when {@code from} is the "never" value. */
  private static long elapsed(long from, long to) {
    return from == Long.MIN_VALUE ? Long.MAX_VALUE : to - from;
  }

  private java.time.Duration tickInterval() {
    long millis = Math.max(10, Math.min(1000, config.maxWait().toMillis() / 4));
    return java.time.Duration.ofMillis(millis);
  }

  @Override
  public void close() {
    if (punctuator != null) {
      punctuator.cancel();
    }
    if (environments != null) {
      int active = 0;
      for (EnvironmentBuffer environment : environments.values()) {
        metrics.buffered(environment.name(), -environment.buffered());
        active += environment.active() ? 1 : 0;
      }
      metrics.released(active);
    }
  }
}
