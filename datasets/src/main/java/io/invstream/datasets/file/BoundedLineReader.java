package io.invstream.datasets.file;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads physical lines (ended by LF or CRLF) without ever holding more than a bounded number of characters, so a file
 * without line breaks cannot exhaust memory. A longer line is reported as overlong, with its first characters, and
 * skipped up to the next line break. A byte-order mark at the start of the input is dropped.
 *
 * <p>Buffers by itself rather than through {@code BufferedReader.readLine}, which has no length limit, and reads
 * chunks rather than single characters from the underlying reader.
 */
final class BoundedLineReader {

  /** Characters of an overlong line kept for the rejection's raw text. */
  private static final int OVERLONG_EXCERPT = 1000;

  /**
   * One physical line.
   *
   * @param number 1-based line number
   * @param text the line without its terminator; the first characters only when {@code overlong}
   * @param overlong whether the line was longer than the limit
   */
  record Line(long number, String text, boolean overlong) {}

  private final Reader reader;
  private final int maxChars;
  private final char[] chunk = new char[8192];
  private int chunkLength;
  private int chunkPosition;
  private final StringBuilder line = new StringBuilder();
  private long lineNumber;
  private boolean atStart = true;

  BoundedLineReader(Reader reader, int maxChars) {
    this.reader = reader;
    this.maxChars = maxChars;
  }

  /** The next line, or {@code null} at the end of the input. */
  Line next() throws IOException {
    line.setLength(0);
    boolean overlong = false;
    int c = read();
    if (c == -1) {
      return null;
    }
    if (atStart && c == '\uFEFF') {
      c = read();
    }
    atStart = false;
    while (c != -1 && c != '\n') {
      // One character beyond the limit is kept so a line of exactly maxChars ending in CRLF is not overlong.
      if (line.length() <= maxChars) {
        line.append((char) c);
      } else {
        overlong = true;
      }
      c = read();
    }
    if (!overlong && line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
      line.setLength(line.length() - 1);
    }
    overlong |= line.length() > maxChars;
    lineNumber++;
    String text = overlong ? line.substring(0, Math.min(OVERLONG_EXCERPT, line.length())) : line.toString();
    return new Line(lineNumber, text, overlong);
  }

  private int read() throws IOException {
    if (chunkPosition == chunkLength) {
      chunkLength = reader.read(chunk);
      chunkPosition = 0;
      if (chunkLength <= 0) {
        chunkLength = 0;
        return -1;
      }
    }
    return chunk[chunkPosition++];
  }
}
