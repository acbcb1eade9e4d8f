package io.invstream.app.replay;

import io.invstream.app.ingest.FileFormat;
import io.invstream.datasets.file.CsvExampleReader;
import io.invstream.datasets.file.IdxExampleReader;
import io.invstream.datasets.file.IdxReadOptions;
import io.invstream.datasets.file.JsonLinesExampleReader;
import io.invstream.datasets.file.PixelScale;
import io.invstream.datasets.file.ReadOptions;
import io.invstream.datasets.file.ReadResult;
import io.invstream.schemas.Example;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a CSV, JSON-lines or IDX file into memory for a replay with the pipeline's readers: the
 * environment of each row comes from its {@code env} column (or {@code defaultEnvironment}), and a
 * bad row is counted, its first few messages kept (with the line number), and skipped.
 *
 * @param file the data file (for IDX, the images file)
 * @param format the file's format, or {@code null} to guess it from the name
 * @param labels IDX only: the labels file
 * @param defaultEnvironment environment of rows without one; required for IDX
 * @param scale IDX only: the pixel scale
 */
public record FileData(Path file, FileFormat format, Path labels, String defaultEnvironment, PixelScale scale) {

  private static final int REPORTED_REJECTIONS = 5;

  /** Reads every row; rows in environments are kept in file order. */
  public LoadedData load() throws IOException {
    Map<String, List<Example>> environments = new LinkedHashMap<>();
    List<String> rejected = new ArrayList<>();
    long rejectedCount = 0;
    try (Stream<ReadResult> rows = open(format != null ? format : FileFormat.guess(file))) {
      for (ReadResult row : (Iterable<ReadResult>) rows::iterator) {
        if (row instanceof ReadResult.Accepted accepted) {
          Example example = accepted.example();
          environments.computeIfAbsent(example.getEnvironment(), e -> new ArrayList<>()).add(example);
        } else if (row instanceof ReadResult.Rejected bad) {
          rejectedCount++;
          if (rejected.size() < REPORTED_REJECTIONS) {
            rejected.add(bad.message() + " [" + bad.reasonCode() + "]");
          }
        }
      }
    }
    if (environments.isEmpty()) {
      throw new IllegalArgumentException(file.getFileName() + " holds no usable row (" + rejectedCount + " rejected"
          + (rejected.isEmpty() ? "" : "; first: " + rejected.get(0)) + ")");
    }
    return new LoadedData(file.getFileName().toString(), environments, List.of(), 0, null, rejected, rejectedCount);
  }

  private Stream<ReadResult> open(FileFormat chosen) throws IOException {
    ReadOptions options = ReadOptions.defaults();
    if (defaultEnvironment != null) {
      options = options.withDefaultEnvironment(defaultEnvironment);
    }
    return switch (chosen) {
      case csv -> new CsvExampleReader(options).read(file);
      case jsonl -> new JsonLinesExampleReader(options).read(file);
      case idx -> {
        if (labels == null || defaultEnvironment == null) {
          throw new IllegalArgumentException("An IDX file needs --labels FILE and --env NAME");
        }
        yield new IdxExampleReader(IdxReadOptions.of(defaultEnvironment).withScale(scale)).read(file, labels);
      }
    };
  }
}
