package io.invstream.datasets.file;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits CSV text into records of fields following RFC 4180: fields separated by commas; a field may be enclosed in
 * double quotes, and then may contain commas, line breaks and doubled quotes ({@code ""} stands for one {@code "}).
 * Two common liberties are taken: spaces or tabs may surround a quoted field, and blank lines are skipped.
 *
 * <p>Recovery keeps line numbers exact: a record with broken quoting is reported and the read resumes on the next
 * line. A quoted field still open at the end of the file or after {@code maxChars} characters, or one that spans
 * lines and is then followed by broken syntax, is reported at the line where its record started, and the lines read
 * after that one are parsed again as new records, so a single stray quote costs one row, not the rest of the file.
 */
final class CsvRecords {

  /**
   * One record, or the reason it could not be split.
   *
   * @param line 1-based number of the line where the record starts
   * @param rawText the record's text, its lines joined by LF
   * @param fields the unquoted field values; {@code null} when {@code error} is set
   * @param error what is wrong with the record's syntax, or {@code null}
   */
  record CsvRecord(long line, String rawText, List<String> fields, String error) {}

  private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED, AFTER_QUOTED }

  private final BoundedLineReader lines;
  private final int maxChars;
  private final Deque<BoundedLineReader.Line> replay = new ArrayDeque<>();

  private final List<BoundedLineReader.Line> recordLines = new ArrayList<>();
  private final List<String> fields = new ArrayList<>();
  private final StringBuilder field = new StringBuilder();
  private State state;
  private int quotedColumn;
  private String error;

  CsvRecords(BoundedLineReader lines, int maxChars) {
    this.lines = lines;
    this.maxChars = maxChars;
  }

  /** The next record, or {@code null} at the end of the input. */
  CsvRecord next() throws IOException {
    BoundedLineReader.Line first = nextNonBlankLine();
    if (first == null) {
      return null;
    }
    if (first.overlong()) {
      return new CsvRecord(first.number(), first.text(), null,
          "the line is longer than " + maxChars + " characters (ReadOptions.maxRecordChars)");
    }
    startRecord(first);
    long chars = first.text().length();
    while (!feed(recordLines.get(recordLines.size() - 1).text())) {
      BoundedLineReader.Line more = nextLine();
      chars += more == null ? 0 : more.text().length() + 1;
      if (more == null || more.overlong() || chars > maxChars) {
        return unterminated(first, more);
      }
      recordLines.add(more);
    }
    if (error != null && recordLines.size() > 1) {
      return strayQuote(first);
    }
    String raw = rawText();
    return error != null ? new CsvRecord(first.number(), raw, null, error)
        : new CsvRecord(first.number(), raw, List.copyOf(fields), null);
  }

  private void startRecord(BoundedLineReader.Line first) {
    recordLines.clear();
    recordLines.add(first);
    fields.clear();
    field.setLength(0);
    state = State.FIELD_START;
    error = null;
  }

  /** Parses one line of the current record; returns false when a quoted field continues on the next line. */
  private boolean feed(String text) {
    for (int i = 0; i < text.length() && error == null; i++) {
      accept(text.charAt(i));
    }
    if (error != null) {
      return true;
    }
    if (state == State.QUOTED) {
      field.append('\n');
      return false;
    }
    endField();
    return true;
  }

  private void accept(char c) {
    switch (state) {
      case FIELD_START, UNQUOTED -> acceptUnquoted(c);
      case QUOTED -> {
        if (c == '"') {
          state = State.QUOTE_IN_QUOTED;
        } else {
          field.append(c);
        }
      }
      case QUOTE_IN_QUOTED -> {
        if (c == '"') {
          field.append('"');
          state = State.QUOTED;
        } else {
          state = State.AFTER_QUOTED;
          acceptAfterQuoted(c);
        }
      }
      case AFTER_QUOTED -> acceptAfterQuoted(c);
    }
  }

  private void acceptUnquoted(char c) {
    if (c == ',') {
      endField();
    } else if (c == '"') {
      if (!field.toString().isBlank()) {
        error = "column " + (fields.size() + 1) + " has a quote inside an unquoted value (enclose the whole value"
            + " in quotes and double the quotes inside it, RFC 4180)";
      } else {
        field.setLength(0);
        quotedColumn = fields.size() + 1;
        state = State.QUOTED;
      }
    } else {
      field.append(c);
      state = State.UNQUOTED;
    }
  }

  private void acceptAfterQuoted(char c) {
    if (c == ',') {
      endField();
    } else if (c != ' ' && c != '\t') {
      error = "column " + (fields.size() + 1) + " has text after its closing quote (a quote inside a quoted value"
          + " must be doubled, RFC 4180)";
    }
  }

  private void endField() {
    fields.add(field.toString());
    field.setLength(0);
    state = State.FIELD_START;
  }

  /**
   * A quoted value that spans lines and then breaks the syntax was most likely opened by a stray quote: only the
   * first line is rejected, the others are read again.
   */
  private CsvRecord strayQuote(BoundedLineReader.Line first) {
    long last = recordLines.get(recordLines.size() - 1).number();
    replayAfterFirst(null);
    return new CsvRecord(first.number(), first.text(), null, "the quoted value opened in column " + quotedColumn
        + " runs on to line " + last + ", where " + error + "; probably a stray quote, so the lines after this one"
        + " are read as new rows");
  }

  private CsvRecord unterminated(BoundedLineReader.Line first, BoundedLineReader.Line next) {
    replayAfterFirst(next);
    String where = next == null ? "before the end of the file"
        : "within " + maxChars + " characters (ReadOptions.maxRecordChars)";
    return new CsvRecord(first.number(), first.text(), null, "the quoted value opened in column " + quotedColumn
        + " is not closed " + where + "; the lines after this one are read as new rows");
  }

  /** Gives back every line of the record after the first, then {@code next}, to be parsed again as new records. */
  private void replayAfterFirst(BoundedLineReader.Line next) {
    if (next != null) {
      replay.addFirst(next);
    }
    for (int i = recordLines.size() - 1; i >= 1; i--) {
      replay.addFirst(recordLines.get(i));
    }
  }

  private String rawText() {
    StringBuilder raw = new StringBuilder();
    for (BoundedLineReader.Line l : recordLines) {
      if (raw.length() > 0) {
        raw.append('\n');
      }
      raw.append(l.text());
    }
    return raw.toString();
  }

  private BoundedLineReader.Line nextNonBlankLine() throws IOException {
    BoundedLineReader.Line line = nextLine();
    while (line != null && !line.overlong() && line.text().isBlank()) {
      line = nextLine();
    }
    return line;
  }

  private BoundedLineReader.Line nextLine() throws IOException {
    return replay.isEmpty() ? lines.next() : replay.pollFirst();
  }
}
