package io.invstream.datasets.file;

import io.invstream.schemas.Example;
import io.invstream.schemas.FeatureVectors;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Collects and inspects reader results in tests. */
final class ReadResults {

  private ReadResults() {}

  static List<ReadResult> all(Stream<ReadResult> results) {
    try (results) {
      return results.toList();
    }
  }

  static List<ReadResult> csv(String text) throws IOException {
    return all(new CsvExampleReader(ReadOptions.defaults()).read(new StringReader(text), "t.csv"));
  }

  static List<ReadResult> jsonl(String text) {
    return all(new JsonLinesExampleReader(ReadOptions.defaults()).read(new StringReader(text), "t.jsonl"));
  }

  static Example accepted(ReadResult result) {
    if (!(result instanceof ReadResult.Accepted accepted)) {
      throw new AssertionError("expected an accepted row, got " + result);
    }
    return accepted.example();
  }

  static ReadResult.Rejected rejected(ReadResult result) {
    if (!(result instanceof ReadResult.Rejected rejected)) {
      throw new AssertionError("expected a rejected row, got " + result);
    }
    return rejected;
  }

  static float[] features(ReadResult result) {
    return FeatureVectors.decode(accepted(result).getFeatures());
  }

  static float[] mask(ReadResult result) {
    return FeatureVectors.decode(accepted(result).getMask());
  }

  static Path resource(String name) {
    try {
      return Path.of(ReadResults.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
