package io.invstream.datasets.file;

import io.invstream.schemas.validation.RejectReason;
import static io.invstream.datasets.file.ReadResults.accepted;
import static io.invstream.datasets.file.ReadResults.csv;
import static io.invstream.datasets.file.ReadResults.features;
import static io.invstream.datasets.file.ReadResults.mask;
import static io.invstream.datasets.file.ReadResults.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invstream.schemas.DeadLetter;
import io.invstream.schemas.Example;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvExampleReaderTest {

  @TempDir
  Path dir;

  @Test
  void everyRejectionReasonIsReportedAtItsLineAndTheReadGoesOn() throws IOException {
    Path file = ReadResults.resource("every-rejection.csv");
    List<ReadResult> results = ReadResults.all(new CsvExampleReader(ReadOptions.defaults()).read(file));

    assertThat(results).extracting(ReadResult::location).containsExactly(
        "every-rejection.csv:2", "every-rejection.csv:3", "every-rejection.csv:4", "every-rejection.csv:5",
        "every-rejection.csv:6", "every-rejection.csv:7", "every-rejection.csv:8", "every-rejection.csv:9",
        "every-rejection.csv:10", "every-rejection.csv:11", "every-rejection.csv:12", "every-rejection.csv:13",
        "every-rejection.csv:14", "every-rejection.csv:15", "every-rejection.csv:17", "every-rejection.csv:19",
        "every-rejection.csv:20", "every-rejection.csv:21");
    assertThat(results).extracting(r -> r instanceof ReadResult.Rejected rej ? rej.reasonCode() : "ACCEPTED")
        .containsExactly("ACCEPTED", "MISSING_ENVIRONMENT", "MISSING_LABEL", "BAD_LABEL", "NON_FINITE",
            "WRONG_DIMENSION", "BAD_MASK", "BAD_WEIGHT", "BAD_TIME", "MALFORMED", "MALFORMED", "MALFORMED",
            "ACCEPTED", "ACCEPTED", "ACCEPTED", "NON_FINITE", "MALFORMED", "ACCEPTED");
  }

  @Test
  void rejectionMessagesSayWhereAndWhat() throws IOException {
    List<ReadResult> results = ReadResults.all(new CsvExampleReader(ReadOptions.defaults())
        .read(ReadResults.resource("every-rejection.csv")));

    assertThat(rejected(results.get(4)).message()).isEqualTo(
        "every-rejection.csv:6: feature 1 (element 1 of column features) is 'NaN', not a finite number");
    assertThat(rejected(results.get(5)).message()).isEqualTo("every-rejection.csv:7: the row has 2 features,"
        + " expected 3 (fixed by the first accepted row, every-rejection.csv:2)");
    assertThat(rejected(results.get(3)).message()).contains("label 'two'");
    assertThat(rejected(results.get(6)).message()).contains("mask has 2 values", "3 features");
    assertThat(rejected(results.get(9)).message()).contains("feature 1", "'x' is not a number");
    assertThat(rejected(results.get(10)).message()).contains("6 fields", "7 columns");
    assertThat(rejected(results.get(11)).message()).contains("column 3", "after its closing quote");
    assertThat(rejected(results.get(16)).message()).isEqualTo("every-rejection.csv:20: the quoted value opened in"
        + " column 5 runs on to line 21, where column 5 has text after its closing quote (a quote inside a quoted"
        + " value must be doubled, RFC 4180); probably a stray quote, so the lines after this one are read as new"
        + " rows");
    assertThat(rejected(results.get(1)).rawText()).isEqualTo(",1,\"[1, 2, 3]\",,,,");
  }

  @Test
  void acceptedRowsCarryEveryField() throws IOException {
    List<ReadResult> results = ReadResults.all(new CsvExampleReader(ReadOptions.defaults())
        .read(ReadResults.resource("every-rejection.csv")));

    Example first = accepted(results.get(0));
    assertThat(first.getEnvironment()).isEqualTo("a");
    assertThat(first.getLabel()).isZero();
    assertThat(features(results.get(0))).containsExactly(1f, 2f, 3f);
    assertThat(mask(results.get(0))).containsExactly(0f, 0f, 1f);
    assertThat(first.getId()).isEqualTo("first");
    assertThat(first.getEventTime()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    assertThat(first.getWeight()).isEqualTo(1.5f);

    Example quoted = accepted(results.get(12));
    assertThat(quoted.getEnvironment()).isEqualTo("b, with comma");
    assertThat(quoted.getId()).isEqualTo("id \"quoted\"");
    assertThat(features(results.get(12))).containsExactly(4f, 5f, 6f);
    assertThat(quoted.getEventTime()).isEqualTo(Instant.ofEpochMilli(1714564800000L));
    assertThat(quoted.getMask()).isNull();
    assertThat(quoted.getWeight()).isNull();

    Example multiLine = accepted(results.get(13));
    assertThat(multiLine.getId()).isEqualTo("multi\nline id");
    assertThat(features(results.get(13))).containsExactly(1f, 2f, 3f);
    assertThat(accepted(results.get(14)).getId()).as("default id is the location").isEqualTo(
        "every-rejection.csv:17");
    assertThat(accepted(results.get(14)).getEventTime()).isEqualTo(Instant.EPOCH);
  }

  @Test
  void numberedColumnsInAnyOrderWithMaskColumns() throws IOException {
    List<ReadResult> results = csv("""
        f1,label,f0,env,m0,m1
        2.5,3,-1e-3,x,1,0
        0,1,0,x,,
        """);

    assertThat(features(results.get(0))).containsExactly(-1e-3f, 2.5f);
    assertThat(mask(results.get(0))).containsExactly(1f, 0f);
    assertThat(accepted(results.get(0)).getLabel()).isEqualTo(3);
    assertThat(accepted(results.get(1)).getMask()).as("empty m cells mean no mask").isNull();
  }

  @Test
  void anEmptyFeatureCellIsAMissingValue() throws IOException {
    ReadResult.Rejected r = rejected(csv("env,label,f0,f1\nx,1,0.5,\n").get(0));

    assertThat(r.reason()).isEqualTo(RejectReason.NON_FINITE);
    assertThat(r.message()).isEqualTo("t.csv:2: feature 1 (column f1) is missing (an empty cell or null, which is"
        + " how pandas writes NaN)");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1e39 | NON_FINITE | beyond the float32 range",
      "-Infinity | NON_FINITE | not a finite number",
      "1f | MALFORMED | not a number",
      "0x1p3 | MALFORMED | not a number",
      "1.2.3 | MALFORMED | not a number"})
  void numbersAreStrictDecimals(String value, RejectReason reason, String detail) throws IOException {
    ReadResult.Rejected r = rejected(csv("env,label,f0\nx,1," + value + "\n").get(0));

    assertThat(r.reason()).isEqualTo(reason);
    assertThat(r.message()).contains(detail);
  }

  @Test
  void theFirstAcceptedRowFixesTheDimensionNotTheFirstRow() throws IOException {
    List<ReadResult> results = csv("""
        env,label,features
        x,,"1 2"
        x,1,"1 2 3"
        x,1,"1 2"
        """);

    assertThat(rejected(results.get(0)).reason()).isEqualTo(RejectReason.MISSING_LABEL);
    assertThat(features(results.get(1))).hasSize(3);
    assertThat(rejected(results.get(2)).reason()).isEqualTo(RejectReason.WRONG_DIMENSION);
  }

  @Test
  void aConfiguredDimensionAppliesFromTheFirstRow() throws IOException {
    ReadOptions options = ReadOptions.defaults().withFeatureCount(2);
    List<ReadResult> results = ReadResults.all(new CsvExampleReader(options)
        .read(new StringReader("env,label,features\nx,1,\"1 2 3\"\nx,1,\"1 2\"\n"), "t.csv"));

    assertThat(rejected(results.get(0)).message()).contains("expected 2 (set by ReadOptions.featureCount)");
    assertThat(features(results.get(1))).containsExactly(1f, 2f);
  }

  @Test
  void aDefaultEnvironmentFillsAbsentAndEmptyOnes() throws IOException {
    ReadOptions options = ReadOptions.defaults().withDefaultEnvironment("site-1");
    List<ReadResult> withColumn = ReadResults.all(new CsvExampleReader(options)
        .read(new StringReader("env,label,f0\n,1,0\nsite-2,1,0\n"), "t.csv"));
    List<ReadResult> withoutColumn = ReadResults.all(new CsvExampleReader(options)
        .read(new StringReader("label,f0\n1,0\n"), "t.csv"));

    assertThat(accepted(withColumn.get(0)).getEnvironment()).isEqualTo("site-1");
    assertThat(accepted(withColumn.get(1)).getEnvironment()).isEqualTo("site-2");
    assertThat(accepted(withoutColumn.get(0)).getEnvironment()).isEqualTo("site-1");
  }

  @Test
  void anOverlongLineIsRejectedAndTheNextLineIsRead() throws IOException {
    ReadOptions options = ReadOptions.defaults().withMaxRecordChars(40);
    String longRow = "x,1,\"" + "1 ".repeat(100) + "\"";
    List<ReadResult> results = ReadResults.all(new CsvExampleReader(options)
        .read(new StringReader("env,label,features\n" + longRow + "\nx,0,\"1 2\"\n"), "t.csv"));

    assertThat(rejected(results.get(0)).message()).isEqualTo(
        "t.csv:2: the line is longer than 40 characters (ReadOptions.maxRecordChars)");
    assertThat(results.get(1).location()).isEqualTo("t.csv:3");
    assertThat(features(results.get(1))).containsExactly(1f, 2f);
  }

  @Test
  void aQuoteLeftOpenCostsOneRowWhenTheRecordLimitIsReached() throws IOException {
    ReadOptions options = ReadOptions.defaults().withMaxRecordChars(30);
    List<ReadResult> results = ReadResults.all(new CsvExampleReader(options).read(new StringReader(
        "env,label,f0,id\nx,1,0,\"open\nx,1,1,a\nx,1,2,b\nx,1,3,c\nx,1,4,d\n"), "t.csv"));

    assertThat(rejected(results.get(0)).message()).contains("t.csv:2", "not closed within 30 characters");
    assertThat(results.subList(1, results.size())).extracting(ReadResult::location)
        .containsExactly("t.csv:3", "t.csv:4", "t.csv:5", "t.csv:6");
    assertThat(results.subList(1, results.size())).allMatch(r -> r instanceof ReadResult.Accepted);
  }

  @Test
  void aQuoteLeftOpenAtTheEndOfTheFileCostsOneRow() throws IOException {
    List<ReadResult> results = csv("env,label,f0,id\nx,1,0,\"open\nx,1,1,a\n");

    assertThat(rejected(results.get(0)).message()).isEqualTo("t.csv:2: the quoted value opened in column 4 is not"
        + " closed before the end of the file; the lines after this one are read as new rows");
    assertThat(accepted(results.get(1)).getId()).isEqualTo("a");
  }

  @Test
  void aQuoteInsideAnUnquotedValueIsMalformed() throws IOException {
    ReadResult.Rejected r = rejected(csv("env,label,f0\nx\"y,1,0\n").get(0));

    assertThat(r.reason()).isEqualTo(RejectReason.MALFORMED);
    assertThat(r.message()).contains("column 1 has a quote inside an unquoted value");
  }

  @Test
  void crlfLineEndsAndAByteOrderMarkAreHandled() throws IOException {
    List<ReadResult> results = csv("\uFEFFenv,label,f0\r\nx,1,0.5\r\ny,0,1\r\n");

    assertThat(results).hasSize(2);
    assertThat(accepted(results.get(0)).getEnvironment()).isEqualTo("x");
    assertThat(features(results.get(1))).containsExactly(1f);
  }

  @Test
  void bytesThatAreNotUtf8RejectTheirRowOnly() throws IOException {
    Path file = dir.resolve("latin1.csv");
    Files.write(file, "env,label,f0\ncaf\u00e9,1,0\nok,1,0\n".getBytes(StandardCharsets.ISO_8859_1));

    List<ReadResult> results = ReadResults.all(new CsvExampleReader(ReadOptions.defaults()).read(file));

    assertThat(rejected(results.get(0)).message()).contains("latin1.csv:2", "not valid UTF-8");
    assertThat(accepted(results.get(1)).getEnvironment()).isEqualTo("ok");
  }

  @Test
  void gzipIsDetectedFromTheContentNotTheName() throws IOException {
    Path file = dir.resolve("plain-looking.csv");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("env,label,f0\nx,1,0.25\n".getBytes(StandardCharsets.UTF_8));
    }

    List<ReadResult> results = ReadResults.all(new CsvExampleReader(ReadOptions.defaults()).read(file));

    assertThat(features(results.get(0))).containsExactly(0.25f);
  }

  @Test
  void anEmptyFileHasNoRows() throws IOException {
    assertThat(csv("")).isEmpty();
    assertThat(csv("env,label,f0\n")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "env,label,f0,colour | unknown column 'colour' (column 4); the known columns are env, label",
      "env,f0 | there is no 'label' column",
      "label,f0 | there is no 'env' column; add one, or set ReadOptions.defaultEnvironment",
      "env,label | there are no features",
      "env,label,f0,f2 | f1 is missing",
      "env,label,f0,features | either columns f0..fN or one column 'features'",
      "env,label,f0,f1,m0 | 2 feature columns but 1 mask columns",
      "env,label,f0,label | column 'label' appears twice"})
  void anUnusableHeaderFailsTheWholeFileBeforeTheFirstRow(String header, String message) {
    assertThatThrownBy(() -> csv(header + "\nx,1,0,0\n"))
        .isInstanceOf(FileLayoutException.class)
        .hasMessageStartingWith("t.csv:1 (header): ")
        .hasMessageContaining(message);
  }

  @Test
  void rowsAreReadLazily() throws IOException {
    Reader endless = new Reader() {
      private final char[] row = "x,1,0.5\n".toCharArray();
      private long position = -"env,label,f0\n".length();

      @Override
      public int read(char[] buffer, int offset, int length) {
        for (int i = 0; i < length; i++, position++) {
          buffer[offset + i] = position < 0 ? "env,label,f0\n".charAt((int) (position + 13)) : row[(int) (position
              % row.length)];
        }
        return length;
      }

      @Override
      public void close() {}
    };

    List<ReadResult> first = ReadResults.all(new CsvExampleReader(ReadOptions.defaults()).read(endless, "endless")
        .limit(1000));

    assertThat(first).hasSize(1000).allMatch(r -> r instanceof ReadResult.Accepted);
    assertThat(first.get(999).location()).isEqualTo("endless:1001");
  }

  @Test
  void aRejectionBecomesADeadLetterWithItsRawText() throws IOException {
    ReadResult.Rejected r = rejected(csv("env,label,f0\nx,1,nan\n").get(0));

    DeadLetter letter = r.toDeadLetter("ingest", Instant.ofEpochSecond(5));

    assertThat(letter.getReasonCode()).isEqualTo("NON_FINITE");
    assertThat(letter.getSourceLocation()).isEqualTo("t.csv:2");
    assertThat(letter.getReason()).isEqualTo(r.message());
    assertThat(StandardCharsets.UTF_8.decode(letter.getValue()).toString()).isEqualTo("x,1,nan");
    assertThat(letter.getStage()).isEqualTo("ingest");
  }
}
