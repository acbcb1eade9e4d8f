package io.invstream.schemas;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Converts feature vectors and masks between {@code float[]} and the little-endian float32 bytes the messages carry. */
public final class FeatureVectors {

  private FeatureVectors() {}

  /** Little-endian float32 bytes of {@code values}, ready to put in a message. */
  public static ByteBuffer encode(float[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(values);
    return buffer;
  }

  /**
   * The floats held in {@code bytes}, read from its position without moving it.
   *
   * @throws IllegalArgumentException if the length is not a multiple of 4
   */
  public static float[] decode(ByteBuffer bytes) {
    if (bytes.remaining() % Float.BYTES != 0) {
      throw new IllegalArgumentException("A float32 vector needs a multiple of 4 bytes, got " + bytes.remaining());
    }
    float[] values = new float[bytes.remaining() / Float.BYTES];
    bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    return values;
  }

  /** Number of floats in {@code bytes} without decoding them. */
  public static int length(ByteBuffer bytes) {
    return bytes.remaining() / Float.BYTES;
  }
}
