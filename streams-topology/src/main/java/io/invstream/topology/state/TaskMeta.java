package io.invstream.topology.state;

import java.nio.ByteBuffer;

/**
 * Per-task values that must survive a restart: written whenever a batch is cut or an example shed.
 *
 * @param nextBatchSequence sequence number of the task's next batch: batch ids are task id plus this
 * @param streamTime largest event time accepted (event-time mode), or Long.MIN_VALUE
 * @param lastCut clock value of the last cut, so an event-time deadline resumes where it was
 * @param featureCount feature count learnt from the first valid example, or 0 before it
 */
public record TaskMeta(long nextBatchSequence, long streamTime, long lastCut, int featureCount) {

  private static final byte VERSION = 1;

  public static TaskMeta initial() {
    return new TaskMeta(0, Long.MIN_VALUE, Long.MIN_VALUE, 0);
  }

  public byte[] encode() {
    return ByteBuffer.allocate(1 + 3 * Long.BYTES + Integer.BYTES).put(VERSION).putLong(nextBatchSequence)
        .putLong(streamTime).putLong(lastCut).putInt(featureCount).array();
  }

  public static TaskMeta decode(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    Versions.check(buffer.get(), VERSION, "task metadata");
    return new TaskMeta(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getInt());
  }
}
