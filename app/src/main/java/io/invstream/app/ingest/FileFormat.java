package io.invstream.app.ingest;

import java.nio.file.Path;
import java.util.Locale;

/** The example file formats the readers understand, and how a file name tells which one it is. */
public enum FileFormat {
  csv, jsonl, idx;

  /**
   * The format a file's name suggests ({@code .csv}, {@code .jsonl}/{@code .ndjson}/{@code .json},
   * {@code idx} or {@code -ubyte}, each optionally {@code .gz}).
   *
   * @throws IllegalArgumentException saying to pass {@code --format} when the name tells nothing
   */
  public static FileFormat guess(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("\\.gz$", "");
    if (name.endsWith(".csv")) {
      return csv;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
      return jsonl;
    }
    if (name.contains("idx") || name.endsWith("-ubyte")) {
      return idx;
    }
    throw new IllegalArgumentException("Cannot tell the format of " + path.getFileName() + "; pass --format csv|jsonl|idx");
  }
}
