package io.invstream.datasets.file;

import io.invstream.schemas.validation.RejectReason;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads examples from a JSON-lines file (one JSON object per line), one result per line, streaming: memory stays
 * bounded by {@link ReadOptions#maxRecordChars()} whatever the file's size.
 *
 * <h2>Format</h2>
 * <ul>
 *   <li><b>Framing.</b> UTF-8, optionally gzip-compressed (detected from the content). One JSON object per line,
 *       lines ending with LF or CRLF; blank lines are skipped. Keys may come in any order; a key given twice, text
 *       after the object, or an unknown key rejects the line.</li>
 *   <li><b>Keys.</b>
 *     <table>
 *       <caption>Keys</caption>
 *       <tr><th>key</th><th>JSON type</th><th>meaning</th></tr>
 *       <tr><td>{@code env}</td><td>string</td><td>environment; required unless
 *           {@link ReadOptions#defaultEnvironment()} is set (absent, {@code null}, empty or blank means
 *           missing)</td></tr>
 *       <tr><td>{@code label}</td><td>integer</td><td>class index {@code >= 0}, required ({@code 3.0} is read
 *           as 3)</td></tr>
 *       <tr><td>{@code features}</td><td>array of numbers</td><td>the features; or instead keys {@code f0} ...
 *           {@code fN} holding one number each, all present from {@code f0} to the highest</td></tr>
 *       <tr><td>{@code mask}</td><td>array of numbers</td><td>optional annotation mask, one value per feature,
 *           non-zero marks a feature the model must not rely on; or keys {@code m0} ... {@code mN};
 *           {@code null} means no mask</td></tr>
 *       <tr><td>{@code id}</td><td>string or number</td><td>optional; default {@code <file name>:<line>}</td></tr>
 *       <tr><td>{@code time}</td><td>integer or string</td><td>optional event time: epoch milliseconds, or an
 *           ISO-8601 string with offset ({@code "2024-05-01T12:00:00Z"}); default
 *           {@link ReadOptions#defaultEventTime()}</td></tr>
 *       <tr><td>{@code weight}</td><td>number</td><td>optional, finite and {@code >= 0}; {@code null} means
 *           none</td></tr>
 *     </table></li>
 *   <li><b>Numbers.</b> JSON numbers, or strings holding the same text a CSV cell may hold ({@code "1.5"}).
 *       {@code NaN}, {@code Infinity} and {@code -Infinity} are read as bare tokens too (Python's {@code json}
 *       writes them), then rejected as non-finite like {@code null} features (pandas writes NaN as
 *       {@code null}) and values beyond the float32 range.</li>
 *   <li><b>Dimension.</b> Fixed by {@link ReadOptions#featureCount()}, or else by the first accepted line.</li>
 * </ul>
 * Rejections are located at {@code <file name>:<line>} and use the reasons and order of {@link CsvExampleReader}.
 *
 * <h2>Example</h2>
 * <pre>
 * {"env": "hospital-a", "label": 1, "features": [0.5, 1.25, -3], "mask": [0, 0, 1], "time": "2024-05-01T12:00:00Z"}
 * {"env": "hospital-b", "label": 0, "f0": 0.1, "f1": 0.0, "f2": 2, "weight": 0.5}
 * </pre>
 */
public final class JsonLinesExampleReader {

  /** Strict where files tend to be broken, lenient where Python and pandas write valid data in their own way. */
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private final ReadOptions options;

  public JsonLinesExampleReader(ReadOptions options) {
    this.options = options;
  }

  /**
   * Opens {@code file} and returns its lines' results lazily. Close the stream to close the file.
   *
   * @throws IOException if the file cannot be opened; errors while streaming arrive as
   *     {@link java.io.UncheckedIOException}
   */
  public Stream<ReadResult> read(Path file) throws IOException {
    return read(TextInput.open(file), TextInput.sourceName(file));
  }

  /** Reads JSON lines from {@code reader}, naming it {@code sourceName} in locations; the stream closes the reader. */
  public Stream<ReadResult> read(Reader reader, String sourceName) {
    BoundedLineReader lines = new BoundedLineReader(reader, options.maxRecordChars());
    return ResultIterator.stream(new Lines(lines, sourceName), reader);
  }

  /** Turns lines into results. */
  private final class Lines extends ResultIterator {

    private final BoundedLineReader lines;
    private final String source;
    private final ExampleAssembler assembler = new ExampleAssembler(options);

    Lines(BoundedLineReader lines, String source) {
      this.lines = lines;
      this.source = source;
    }

    @Override
    ReadResult computeNext() throws IOException {
      BoundedLineReader.Line line = lines.next();
      while (line != null && !line.overlong() && line.text().isBlank()) {
        line = lines.next();
      }
      if (line == null) {
        return null;
      }
      String location = source + ":" + line.number();
      try {
        return toExample(line, location);
      } catch (RowRejection r) {
        return new ReadResult.Rejected(location, r.reason(), location + ": " + r.getMessage(), line.text());
      }
    }

    private ReadResult toExample(BoundedLineReader.Line line, String location) throws RowRejection {
      if (line.overlong()) {
        throw new RowRejection(RejectReason.MALFORMED, "the line is longer than " + options.maxRecordChars()
            + " characters (ReadOptions.maxRecordChars)");
      }
      if (TextInput.hasUndecodableBytes(line.text())) {
        throw new RowRejection(RejectReason.MALFORMED, TextInput.undecodableMessage());
      }
      JsonRow row = new JsonRow(parse(line.text()));
      String environment = row.environment(options.defaultEnvironment());
      int label = row.label();
      float[] features = row.features();
      assembler.checkDimension(features);
      float[] mask = row.mask();
      ExampleAssembler.checkMask(mask, features);
      Float weight = row.weight();
      Instant time = row.time(options.defaultEventTime());
      String id = row.id();
      return assembler.accept(location, environment, id == null ? location : id, time, features, label, mask,
          weight);
    }

    private ObjectNode parse(String text) throws RowRejection {
      JsonNode node;
      try {
        node = JSON.readTree(text);
      } catch (JacksonException e) {
        throw new RowRejection(RejectReason.MALFORMED, "not valid JSON: " + e.getOriginalMessage());
      }
      if (!(node instanceof ObjectNode object)) {
        throw new RowRejection(RejectReason.MALFORMED, "the line is a JSON " + node.getNodeType().name()
            .toLowerCase(Locale.ROOT) + ", not an object");
      }
      return object;
    }
  }
}
