package io.invstream.datasets.file;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Opens text files for the CSV and JSON-lines readers: UTF-8, optionally gzip-compressed. */
final class TextInput {

  private TextInput() {}

  /**
   * A reader of the file's text. Bytes that are not UTF-8 become U+FFFD instead of failing the whole read; rows that
   * contain U+FFFD are then rejected one by one (see {@link #hasUndecodableBytes}).
   */
  static Reader open(Path file) throws IOException {
    return new InputStreamReader(GzipDetectingInput.open(file), StandardCharsets.UTF_8);
  }

  /** Whether a line holds U+FFFD, which the decoder writes in place of bytes that are not UTF-8. */
  static boolean hasUndecodableBytes(String text) {
    return text.indexOf('\uFFFD') >= 0;
  }

  /** The message for such a line. */
  static String undecodableMessage() {
    return "the line is not valid UTF-8 (it holds bytes of another encoding, shown as U+FFFD); re-encode the file"
        + " as UTF-8";
  }

  /** The file name used in locations: the last path element, which is what a person recognises in a report. */
  static String sourceName(Path file) {
    Path name = file.getFileName();
    return name == null ? file.toString() : name.toString();
  }
}
