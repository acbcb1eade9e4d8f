package io.invstream.datasets.file;

import java.nio.ByteBuffer;

/** The element types of the IDX format (LeCun's MNIST files), by their code in the magic number's third byte. */
public enum IdxElementType {
  UNSIGNED_BYTE(0x08, 1, true),
  SIGNED_BYTE(0x09, 1, true),
  SHORT(0x0B, 2, true),
  INT(0x0C, 4, true),
  FLOAT(0x0D, 4, false),
  DOUBLE(0x0E, 8, false);

  private final int code;
  private final int bytes;
  private final boolean integral;

  IdxElementType(int code, int bytes, boolean integral) {
    this.code = code;
    this.bytes = bytes;
    this.integral = integral;
  }

  /** The type with this code, or {@code null} if the code is not an IDX type. */
  public static IdxElementType ofCode(int code) {
    for (IdxElementType type : values()) {
      if (type.code == code) {
        return type;
      }
    }
    return null;
  }

  public int code() {
    return code;
  }

  /** Bytes per element. */
  public int bytes() {
    return bytes;
  }

  /** Whether values are integers, as labels must be. */
  public boolean integral() {
    return integral;
  }

  /** Reads one big-endian element at the buffer's position, advancing it. */
  double read(ByteBuffer buffer) {
    return switch (this) {
      case UNSIGNED_BYTE -> buffer.get() & 0xFF;
      case SIGNED_BYTE -> buffer.get();
      case SHORT -> buffer.getShort();
      case INT -> buffer.getInt();
      case FLOAT -> buffer.getFloat();
      case DOUBLE -> buffer.getDouble();
    };
  }
}
