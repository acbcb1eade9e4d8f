package io.invstream.datasets.file;

import io.invstream.schemas.validation.RejectReason;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads examples from a CSV file, one result per row, streaming: memory stays bounded by
 * {@link ReadOptions#maxRecordChars()} whatever the file's size.
 *
 * <h2>Format</h2>
 * <ul>
 *   <li><b>Encoding and framing.</b> UTF-8 (a leading byte-order mark is ignored), optionally gzip-compressed
 *       (detected from the content, not the name). Lines end with LF or CRLF. Fields are separated by commas and
 *       follow RFC 4180: a field may be enclosed in double quotes, and then may hold commas, line breaks and doubled
 *       quotes ({@code ""} for one {@code "}); spaces or tabs around a quoted field are ignored. Blank lines are
 *       skipped.</li>
 *   <li><b>Header.</b> The first non-blank line names the columns, in any order; names are case-sensitive and
 *       surrounding spaces are ignored:
 *     <table>
 *       <caption>Columns</caption>
 *       <tr><th>column</th><th>required</th><th>value</th></tr>
 *       <tr><td>{@code env}</td><td>yes, unless {@link ReadOptions#defaultEnvironment()} is set</td>
 *           <td>the environment name, taken as written; empty or blank means missing</td></tr>
 *       <tr><td>{@code label}</td><td>yes</td><td>class index: an integer {@code >= 0}
 *           ({@code 3.0} is read as 3)</td></tr>
 *       <tr><td>{@code f0} ... {@code fN}</td><td>these or {@code features}</td>
 *           <td>one number per column; every column from {@code f0} to the highest must be present</td></tr>
 *       <tr><td>{@code features}</td><td>this or {@code f0..fN}</td>
 *           <td>all features in one (quoted) cell: {@code "[0.5, 1, 2]"}, {@code "0.5,1,2"} or {@code 0.5 1 2};
 *           the brackets are optional, elements are separated by a comma or by spaces</td></tr>
 *       <tr><td>{@code m0} ... {@code mN} or {@code mask}</td><td>no</td>
 *           <td>the annotation mask, in the same two forms and with one value per feature: non-zero marks a feature
 *           the model must not rely on. An empty {@code mask} cell, or empty {@code m} cells, mean no mask</td></tr>
 *       <tr><td>{@code id}</td><td>no</td><td>taken as written; when absent or empty the id is
 *           {@code <file name>:<line>}</td></tr>
 *       <tr><td>{@code time}</td><td>no</td><td>event time: integer epoch milliseconds, or ISO-8601 with an offset
 *           ({@code 2024-05-01T12:00:00Z}, {@code 2024-05-01T14:00:00.250+02:00}); when absent or empty,
 *           {@link ReadOptions#defaultEventTime()}</td></tr>
 *       <tr><td>{@code weight}</td><td>no</td><td>a finite number {@code >= 0}; absent or empty means none
 *           (weight 1)</td></tr>
 *     </table>
 *     Any other column name, a repeated name, gaps in the numbered columns, or a missing required column make the
 *     whole file unreadable: {@link #read} throws {@link FileLayoutException} before the first row. An empty file
 *     gives no results.</li>
 *   <li><b>Numbers.</b> Decimal notation with optional sign, point and exponent ({@code -1.5e-3}); surrounding
 *       spaces are ignored. Values are stored as float32. {@code nan}, {@code inf}, {@code infinity} (any case,
 *       any sign), values beyond the float32 range and empty feature cells (pandas writes NaN so) are
 *       non-finite.</li>
 *   <li><b>Dimension.</b> Fixed by {@link ReadOptions#featureCount()}, or else by the first accepted row.</li>
 * </ul>
 *
 * <h2>Rejections</h2>
 * Each bad row yields a {@link ReadResult.Rejected} at {@code <file name>:<line>} (the line where the record starts)
 * and the read goes on. The reasons, checked in this order: {@code MALFORMED} (broken quoting, a field count
 * different from the header's, a value that is not a number, an overlong line, bytes that are not UTF-8),
 * {@code MISSING_ENVIRONMENT}, {@code MISSING_LABEL}, {@code BAD_LABEL}, {@code NON_FINITE}, {@code WRONG_DIMENSION},
 * {@code BAD_MASK}, {@code BAD_WEIGHT}, {@code BAD_TIME}; see {@link RejectReason}.
 *
 * <h2>Example</h2>
 * <pre>
 * env,label,features,mask,time
 * hospital-a,1,"[0.5, 1.25, -3]","[0, 0, 1]",2024-05-01T12:00:00Z
 * hospital-b,0,"[0.1, 0.0, 2]",,1714564800000
 * </pre>
 */
public final class CsvExampleReader {

  private final ReadOptions options;

  public CsvExampleReader(ReadOptions options) {
    this.options = options;
  }

  /**
   * Opens {@code file}, reads its header and returns the rows' results lazily. Close the stream to close the file.
   *
   * @throws FileLayoutException if the header is unusable (see the class comment)
   * @throws IOException if the file cannot be opened; errors while streaming arrive as
   *     {@link java.io.UncheckedIOException}
   */
  public Stream<ReadResult> read(Path file) throws IOException {
    return read(TextInput.open(file), TextInput.sourceName(file));
  }

  /**
   * Reads CSV text from {@code reader}, naming it {@code sourceName} in locations; the stream closes the reader.
   *
   * @throws FileLayoutException if the header is unusable
   */
  public Stream<ReadResult> read(Reader reader, String sourceName) throws IOException {
    try {
      CsvRecords records = new CsvRecords(new BoundedLineReader(reader, options.maxRecordChars()),
          options.maxRecordChars());
      CsvRecords.CsvRecord header = records.next();
      if (header == null) {
        return ResultIterator.stream(List.<ReadResult>of().iterator(), reader);
      }
      if (header.error() != null) {
        throw new FileLayoutException(sourceName + ":" + header.line() + " (header): " + header.error());
      }
      CsvLayout layout = CsvLayout.of(header.fields(), options, sourceName);
      return ResultIterator.stream(new Rows(records, layout, sourceName), reader);
    } catch (IOException | RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  /** Turns records into results. */
  private final class Rows extends ResultIterator {

    private final CsvRecords records;
    private final CsvLayout layout;
    private final String source;
    private final ExampleAssembler assembler = new ExampleAssembler(options);

    Rows(CsvRecords records, CsvLayout layout, String source) {
      this.records = records;
      this.layout = layout;
      this.source = source;
    }

    @Override
    ReadResult computeNext() throws IOException {
      CsvRecords.CsvRecord record = records.next();
      if (record == null) {
        return null;
      }
      String location = source + ":" + record.line();
      try {
        return toExample(record, location);
      } catch (RowRejection r) {
        return new ReadResult.Rejected(location, r.reason(), location + ": " + r.getMessage(), record.rawText());
      }
    }

    private ReadResult toExample(CsvRecords.CsvRecord record, String location) throws RowRejection {
      if (record.error() != null) {
        throw new RowRejection(RejectReason.MALFORMED, record.error());
      }
      if (TextInput.hasUndecodableBytes(record.rawText())) {
        throw new RowRejection(RejectReason.MALFORMED, TextInput.undecodableMessage());
      }
      List<String> fields = record.fields();
      if (fields.size() != layout.columnCount()) {
        throw new RowRejection(RejectReason.MALFORMED, "the row has " + fields.size() + " fields but the header"
            + " has " + layout.columnCount() + " columns");
      }
      String environment = FieldRules.environment(cell(fields, layout.environment()), options.defaultEnvironment());
      int label = FieldRules.label(fields.get(layout.label()));
      float[] features = features(fields);
      assembler.checkDimension(features);
      float[] mask = mask(fields);
      ExampleAssembler.checkMask(mask, features);
      Float weight = FieldRules.weight(cell(fields, layout.weight()));
      Instant time = FieldRules.time(cell(fields, layout.time()), options.defaultEventTime());
      String id = cell(fields, layout.id());
      return assembler.accept(location, environment, id == null || id.isEmpty() ? location : id, time, features,
          label, mask, weight);
    }

    private float[] features(List<String> fields) throws RowRejection {
      if (layout.featureList() >= 0) {
        return NumberList.features(fields.get(layout.featureList()), ColumnNames.FEATURES);
      }
      int[] columns = layout.featureColumns();
      float[] features = new float[columns.length];
      for (int i = 0; i < columns.length; i++) {
        features[i] = FieldRules.feature(fields.get(columns[i]), "feature " + i + " (column f" + i + ")");
      }
      return features;
    }

    private float[] mask(List<String> fields) throws RowRejection {
      if (layout.maskList() >= 0) {
        return NumberList.mask(fields.get(layout.maskList()), ColumnNames.MASK);
      }
      int[] columns = layout.maskColumns();
      if (columns == null || allBlank(fields, columns)) {
        return null;
      }
      float[] mask = new float[columns.length];
      for (int i = 0; i < columns.length; i++) {
        mask[i] = FieldRules.maskValue(fields.get(columns[i]), "mask value " + i + " (column m" + i + ")");
      }
      return mask;
    }

    /** Mask columns left empty on a row mean the row has no mask, as an empty {@code mask} cell does. */
    private boolean allBlank(List<String> fields, int[] columns) {
      for (int column : columns) {
        if (!fields.get(column).isBlank()) {
          return false;
        }
      }
      return true;
    }

    private String cell(List<String> fields, int column) {
      return column < 0 ? null : fields.get(column);
    }
  }
}
