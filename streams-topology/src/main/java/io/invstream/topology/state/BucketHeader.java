package io.invstream.topology.state;

import java.nio.ByteBuffer;

/**
 * What a bucket's slots cannot tell by themselves: the sequence number of its oldest unconsumed
 * example and the capacity its slots were laid out with. Written when a batch consumes from the
 * bucket, never per example.
 *
 * @param headSequence examples with a smaller sequence number were consumed
 * @param capacity slots in use; slot of sequence s is s mod capacity
 */
public record BucketHeader(long headSequence, int capacity) {

  private static final byte VERSION = 1;

  public byte[] encode() {
    return ByteBuffer.allocate(1 + Long.BYTES + Integer.BYTES).put(VERSION).putLong(headSequence).putInt(capacity).array();
  }

  public static BucketHeader decode(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    Versions.check(buffer.get(), VERSION, "bucket header");
    return new BucketHeader(buffer.getLong(), buffer.getInt());
  }
}
