package io.invstream.topology.balance;

import io.invstream.core.validation.RejectReason;
import io.invstream.core.validation.Rejection;
import io.invstream.topology.BalancerConfig;
import io.invstream.topology.reservoir.ReplayDraw;
import io.invstream.topology.reservoir.ReservoirSampling;
import io.invstream.topology.state.BufferedExample;
import io.invstream.topology.state.TaskMeta;
import java.time.Instant;
import java.util.Optional;

/**
 * When a task cuts. A batch is cut as soon as the {@link CutPlanner} calls one ready. It is
 * <em>due</em> once {@code maxWait} has passed since it opened (the later of the last cut and the
 * oldest held example's arrival), or at once when an example arrives for a full buffer; it is then
 * cut with whatever the starvation policy allows. Only when even that cut is impossible (fewer than
 * {@code minEnvironments} environments can contribute) does a full buffer shed its oldest example,
 * as an OVERFLOW dead letter.
 */
final class BatchCutter {

  private final BalancerConfig config;
  private final CutPlanner planner;
  private final BatchAssembler assembler;
  private final TaskBuffers buffers;
  private final TaskStore store;
  private final Outputs outputs;
  private final Runnable writeMeta;
  private final String batchIdPrefix;
  private long nextBatchSequence;
  private long lastCut;

  /**
   * Resumes at {@code resume}'s batch sequence and last cut; {@code writeMeta} persists the task's
   * metadata, and is called after every cut and every shed.
   */
  BatchCutter(BalancerConfig config, ReservoirSampling reservoir, TaskBuffers buffers, TaskStore store, Outputs outputs,
      TaskMeta resume, Runnable writeMeta) {
    this.config = config;
    this.planner = new CutPlanner(config, reservoir);
    this.assembler = new BatchAssembler(config.topics(), reservoir, new ReplayDraw(config.seed()));
    this.buffers = buffers;
    this.store = store;
    this.outputs = outputs;
    this.writeMeta = writeMeta;
    this.batchIdPrefix = outputs.batchIdPrefix(config.applicationId());
    this.nextBatchSequence = resume.nextBatchSequence();
    this.lastCut = resume.lastCut();
  }

  long nextBatchSequence() {
    return nextBatchSequence;
  }

  long lastCut() {
    return lastCut;
  }

  /** Before an example joins {@code bucket}: a full bucket makes the batch due; if none can be cut, its oldest gives way. */
  void makeRoom(Bucket bucket, long now) {
    if (bucket.isFull()) {
      cutDue(now);
      if (bucket.isFull()) {
        shedOldest(bucket, now);
      }
    }
  }

  /** Cuts every ready batch, then the due one if its time has come (or, with {@code flush}, if anything is held). */
  void cut(long now, boolean flush) {
    Optional<CutPlan> plan = planner.ready(buffers.all());
    while (plan.isPresent()) {
      emit(plan.get(), now);
      plan = planner.ready(buffers.all());
    }
    if (isDue(now) || (flush && buffers.buffered() > 0)) {
      cutDue(now);
    }
  }

  private void cutDue(long now) {
    planner.due(buffers.all()).ifPresent(plan -> emit(plan, now));
  }

  private boolean isDue(long now) {
    long oldest = buffers.oldestArrival();
    return oldest != Long.MAX_VALUE && Clocks.elapsed(Math.max(lastCut, oldest), now) >= config.maxWait().toMillis();
  }

  private void emit(CutPlan plan, long now) {
    long sequence = nextBatchSequence++;
    AssembledBatch assembled = assembler.assemble(plan, batchIdPrefix + sequence, sequence,
        Instant.ofEpochMilli(outputs.wallClock()), store::reservoirEntry);
    assembled.consumed().forEach(store::headMoved);
    lastCut = now;
    writeMeta.run();
    outputs.batch(assembled, timestamp(now));
  }

  private void shedOldest(Bucket bucket, long now) {
    BufferedExample oldest = bucket.take(1).get(0);
    store.headMoved(bucket);
    writeMeta.run();
    String environment = bucket.key().environment();
    outputs.overflow(environment, oldest, new Rejection(RejectReason.OVERFLOW, "example " + oldest.example().getId() + " of "
        + environment + " left its full buffer (" + bucket.capacity() + " examples) unbatched: no batch could be cut, since "
        + "fewer than minEnvironments (" + config.minEnvironments() + ") environments could contribute; lower "
        + "minEnvironments or raise bufferBatches"), timestamp(now));
  }

  /** A record timestamp for clock value {@code now}, which is "never" before the first event time. */
  private long timestamp(long now) {
    return now == Clocks.NEVER ? outputs.wallClock() : now;
  }
}
