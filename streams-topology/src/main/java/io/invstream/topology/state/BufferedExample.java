package io.invstream.topology.state;

import io.invstream.schemas.Example;
import java.nio.ByteBuffer;

/**
 * An example waiting in a bucket, with where it came from. The store keeps the original bytes; the
 * decoded example is kept beside them so a batch never decodes twice.
 *
 * @param sequence position in its bucket's stream of accepted examples
 * @param partition input partition
 * @param offset input offset
 * @param arrivedAt clock value when it was accepted (wall clock, or stream time in event-time mode)
 * @param raw the record's value exactly as consumed
 * @param example the decoded example
 */
public record BufferedExample(long sequence, int partition, long offset, long arrivedAt, byte[] raw, Example example) {

  private static final byte VERSION = 1;
  private static final int HEADER = 1 + Long.BYTES + Integer.BYTES + Long.BYTES + Long.BYTES;

  /** Store value: a fixed header followed by the raw bytes. */
  public byte[] encode() {
    return ByteBuffer.allocate(HEADER + raw.length).put(VERSION).putLong(sequence).putInt(partition).putLong(offset)
        .putLong(arrivedAt).put(raw).array();
  }

  /** Reads a store value; {@code decoder} turns the raw bytes back into an example. */
  public static BufferedExample decode(byte[] value, java.util.function.Function<byte[], Example> decoder) {
    ByteBuffer buffer = ByteBuffer.wrap(value);
    Versions.check(buffer.get(), VERSION, "buffered example");
    long sequence = buffer.getLong();
    int partition = buffer.getInt();
    long offset = buffer.getLong();
    long arrivedAt = buffer.getLong();
    byte[] raw = new byte[buffer.remaining()];
    buffer.get(raw);
    return new BufferedExample(sequence, partition, offset, arrivedAt, raw, decoder.apply(raw));
  }

  /** The event time in milliseconds. */
  public long eventTime() {
    return example.getEventTime().toEpochMilli();
  }

  /** Feature bytes, for callers that only need the dimension. */
  public ByteBuffer features() {
    return example.getFeatures();
  }
}
