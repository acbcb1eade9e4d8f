package io.invstream.topology;

/** Which clock decides that a batch is due and that an environment has gone idle. */
public enum TimeMode {
  /**
   * The machine's clock, through a wall-clock punctuator: a batch waits at most {@code maxWait} after
   * it opened, whatever the data's timestamps. Suits live sources whose clocks cannot be trusted or
   * aligned (sensors, devices), where latency matters more than reproducibility.
   */
  WALL_CLOCK,
  /**
   * The examples' own {@code eventTime}: stream time is the largest event time the task has seen, a
   * batch is due once stream time passes its opening plus {@code maxWait}, and an example older than
   * stream time minus {@code grace} is late (dead-lettered with reason {@code LATE}). Batches do not
   * depend on processing speed, so replaying history (backfills, reprocessing) gives the same batches
   * as live. When every input goes quiet stream time stops; the wall-clock idle timeout then flushes
   * the pending batch so the end of a backfill is never stuck.
   */
  EVENT_TIME
}
