package io.invstream.datasets.file;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxFixtures {

  private IdxFixtures() {}

  /** An IDX file with the given element type code, dimensions and raw big-endian body, gzip or not. */
  static Path write(Path file, int typeCode, int[] dimensions, byte[] body, boolean gzip) throws IOException {
    try (OutputStream raw = Files.newOutputStream(file);
        DataOutputStream out = new DataOutputStream(gzip ? new GZIPOutputStream(raw) : raw)) {
      out.writeInt((typeCode << 8) | dimensions.length);
      for (int d : dimensions) {
        out.writeInt(d);
      }
      out.write(body);
    }
    return file;
  }

  /** Byte images {@code count × rows × columns}; pixel {@code k} of image {@code i} is {@code (7i + k) % 256}. */
  static Path images(Path file, int count, int rows, int columns, boolean gzip) throws IOException {
    byte[] body = new byte[count * rows * columns];
    for (int i = 0; i < count; i++) {
      for (int k = 0; k < rows * columns; k++) {
        body[i * rows * columns + k] = (byte) ((i * 7 + k) % 256);
      }
    }
    return write(file, 0x08, new int[] {count, rows, columns}, body, gzip);
  }

  /** Unsigned-byte labels. */
  static Path labels(Path file, int[] labels, boolean gzip) throws IOException {
    byte[] body = new byte[labels.length];
    for (int i = 0; i < labels.length; i++) {
      body[i] = (byte) labels[i];
    }
    return write(file, 0x08, new int[] {labels.length}, body, gzip);
  }
}
