package io.invstream.datasets.file;

import io.invstream.schemas.validation.RejectReason;
import io.invstream.schemas.DeadLetter;
import io.invstream.schemas.Example;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * What a reader made of one row (CSV record, JSON line, IDX record): an {@link Accepted} example or a
 * {@link Rejected} row. Readers return one result per row in file order, and a bad row never ends the read.
 *
 * <p>Locations are {@code <file name>:<1-based line>} for text files (the line where the record starts) and
 * {@code <images file name>[<0-based record index>]} for IDX files.
 */
public sealed interface ReadResult {

  /** Where the row is in its file. */
  String location();

  /**
   * A row that became an example.
   *
   * @param location where the row is, see {@link ReadResult}
   * @param example the validated example
   */
  record Accepted(String location, Example example) implements ReadResult {
    public Accepted {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(example, "example");
    }
  }

  /**
   * A row that did not become an example.
   *
   * @param location where the row is, see {@link ReadResult}
   * @param reason why, as a stable code
   * @param message for people: starts with the location, then says what is wrong (which field, which value)
   * @param rawText the row as it appeared in the file, for a text file; {@code null} for binary IDX records
   */
  record Rejected(String location, RejectReason reason, String message, String rawText) implements ReadResult {
    public Rejected {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }

    /** The reason's stable code, e.g. {@code "NON_FINITE"}, as {@code DeadLetter.reasonCode} carries it. */
    public String reasonCode() {
      return reason.name();
    }

    /**
     * This rejection as a dead letter: the message, code and location, and the raw text as UTF-8 bytes.
     *
     * @param stage the pipeline stage that read the file, e.g. {@code "ingest"}
     * @param timestamp when the rejection happened
     */
    public DeadLetter toDeadLetter(String stage, Instant timestamp) {
      ByteBuffer value = rawText == null ? null : ByteBuffer.wrap(rawText.getBytes(StandardCharsets.UTF_8));
      return DeadLetter.newBuilder().setStage(stage).setReason(message).setReasonCode(reasonCode())
          .setSourceLocation(location).setValue(value).setTimestamp(timestamp).build();
    }
  }
}
