package io.invstream.datasets.file;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens a file that may be gzip-compressed, deciding by its first two bytes (the gzip magic {@code 1f 8b}), never by
 * its name: distributions ship the same data as {@code .gz} or decompressed, and renamed files are common.
 */
final class GzipDetectingInput {

  private static final int BUFFER = 1 << 16;

  private GzipDetectingInput() {}

  /** A buffered stream of the file's content, decompressed when the file is gzip. */
  static InputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
    try {
      raw.mark(2);
      boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      return gzip ? new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER) : raw;
    } catch (IOException e) {
      raw.close();
      throw e;
    }
  }
}
