package io.invstream.topology.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the balancer's one state store. A kind byte comes first, then the environment name (whose
 * alphabet excludes the 0 separator), the bucket, and a slot index:
 * <ul>
 *   <li>{@code M} the task's {@link TaskMeta};</li>
 *   <li>{@code H env 0 bucket} a bucket's {@link BucketHeader};</li>
 *   <li>{@code S env 0 bucket slot} a buffered example, slot = sequence mod capacity;</li>
 *   <li>{@code R env 0 bucket index} a reservoir example.</li>
 * </ul>
 * Slot and reservoir keys are reused, so the store and its compacted changelog stay bounded.
 */
public final class StoreKeys {

  static final byte META = 'M';
  static final byte HEADER = 'H';
  static final byte SLOT = 'S';
  static final byte RESERVOIR = 'R';

  private StoreKeys() {}

  public static Bytes meta() {
    return Bytes.wrap(new byte[] {META});
  }

  public static Bytes header(BucketKey key) {
    return Bytes.wrap(prefix(HEADER, key, 0).array());
  }

  public static Bytes slot(BucketKey key, int slot) {
    return Bytes.wrap(prefix(SLOT, key, Integer.BYTES).putInt(slot).array());
  }

  public static Bytes reservoir(BucketKey key, int index) {
    return Bytes.wrap(prefix(RESERVOIR, key, Integer.BYTES).putInt(index).array());
  }

  /** The kind byte of a key. */
  public static byte kind(Bytes key) {
    return key.get()[0];
  }

  /** The bucket a header, slot or reservoir key belongs to. */
  public static BucketKey bucketOf(Bytes key) {
    byte[] raw = key.get();
    int zero = 1;
    while (raw[zero] != 0) {
      zero++;
    }
    String environment = new String(raw, 1, zero - 1, StandardCharsets.UTF_8);
    return new BucketKey(environment, ByteBuffer.wrap(raw, zero + 1, Integer.BYTES).getInt());
  }

  private static ByteBuffer prefix(byte kind, BucketKey key, int extra) {
    byte[] name = key.environment().getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.allocate(1 + name.length + 1 + Integer.BYTES + extra);
    return buffer.put(kind).put(name).put((byte) 0).putInt(key.bucket());
  }
}
