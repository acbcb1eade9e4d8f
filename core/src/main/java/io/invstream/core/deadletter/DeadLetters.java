package io.invstream.core.deadletter;

import io.invstream.schemas.validation.Rejection;
import io.invstream.schemas.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;

/** Builds dead-letter records that keep the original bytes and where they came from. */
public final class DeadLetters {

  private DeadLetters() {}

  /** A record refused while consuming {@code topic}/{@code partition} at {@code offset}. */
  public static DeadLetter fromTopic(String stage, Rejection rejection, String topic, int partition, long offset,
      byte[] key, byte[] value, Instant now) {
    return DeadLetter.newBuilder().setStage(stage).setReason(rejection.message()).setReasonCode(rejection.reason().name())
        .setSourceTopic(topic).setSourcePartition(partition).setSourceOffset(offset)
        .setKey(wrap(key)).setValue(wrap(value)).setTimestamp(now).build();
  }

  private static ByteBuffer wrap(byte[] bytes) {
    return bytes == null ? null : ByteBuffer.wrap(bytes);
  }
}
