package io.invstream.datasets.file;

import io.invstream.schemas.validation.RejectReason;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The rules every text format applies to a field's text, so CSV and JSON lines accept and reject exactly the same
 * values. Numbers are trimmed of surrounding spaces; environments and ids are taken as written.
 */
final class FieldRules {

  private FieldRules() {}

  /** The environment, or the fallback when the text is absent or blank. */
  static String environment(String text, String fallback) throws RowRejection {
    if (text != null && !text.isBlank()) {
      return text;
    }
    if (fallback != null) {
      return fallback;
    }
    throw new RowRejection(RejectReason.MISSING_ENVIRONMENT,
        text == null ? "no environment (env)" : "environment (env) is empty");
  }

  /** A non-negative integer; an integral decimal such as {@code 3.0} (pandas writes labels so) is accepted. */
  static int label(String text) throws RowRejection {
    if (text == null || text.isBlank()) {
      throw new RowRejection(RejectReason.MISSING_LABEL, text == null ? "no label" : "label is empty");
    }
    String trimmed = text.strip();
    try {
      if (DecimalText.isDecimal(trimmed)) {
        int label = new BigDecimal(trimmed).intValueExact();
        if (label >= 0) {
          return label;
        }
      }
    } catch (ArithmeticException notAnInt) {
      // Fractional or beyond int: reported below with the value.
    }
    throw new RowRejection(RejectReason.BAD_LABEL,
        "label '" + trimmed + "' is not a class index (an integer >= 0)");
  }

  /**
   * A feature value.
   *
   * @param where names the value for the message, e.g. {@code "feature 3 (column f3)"}
   */
  static float feature(String text, String where) throws RowRejection {
    if (text == null || text.isBlank()) {
      throw new RowRejection(RejectReason.NON_FINITE,
          where + " is missing (an empty cell or null, which is how pandas writes NaN)");
    }
    return number(text.strip(), where, RejectReason.MALFORMED, RejectReason.NON_FINITE);
  }

  /** A mask value: any fault is {@link RejectReason#BAD_MASK}. */
  static float maskValue(String text, String where) throws RowRejection {
    if (text == null || text.isBlank()) {
      throw new RowRejection(RejectReason.BAD_MASK, where + " is missing");
    }
    return number(text.strip(), where, RejectReason.BAD_MASK, RejectReason.BAD_MASK);
  }

  /** The same checks for a value a JSON parser already turned into a double. */
  static float number(double value, String where, RejectReason nonFinite) throws RowRejection {
    float f = (float) value;
    if (!Float.isFinite(f)) {
      throw new RowRejection(nonFinite, where + " is " + describeNonFinite(value));
    }
    return f;
  }

  /** A weight, or {@code null} (meaning 1) when absent or empty. */
  static Float weight(String text) throws RowRejection {
    if (text == null || text.isBlank()) {
      return null;
    }
    String trimmed = text.strip();
    float weight = DecimalText.isDecimal(trimmed) ? Float.parseFloat(trimmed) : Float.NaN;
    if (!Float.isFinite(weight) || weight < 0) {
      throw new RowRejection(RejectReason.BAD_WEIGHT, "weight '" + trimmed + "' is not a finite number >= 0");
    }
    return weight;
  }

  /** Integer epoch milliseconds or an ISO-8601 date-time with offset; the fallback when absent or empty. */
  static Instant time(String text, Instant fallback) throws RowRejection {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    String trimmed = text.strip();
    try {
      return DecimalText.isInteger(trimmed) ? Instant.ofEpochMilli(Long.parseLong(trimmed))
          : OffsetDateTime.parse(trimmed).toInstant();
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new RowRejection(RejectReason.BAD_TIME, "time '" + trimmed + "' is neither epoch milliseconds nor an"
          + " ISO-8601 date-time with offset such as 2024-05-01T12:00:00Z or 2024-05-01T14:00:00+02:00");
    }
  }

  private static float number(String text, String where, RejectReason malformed, RejectReason nonFinite)
      throws RowRejection {
    if (DecimalText.isNonFiniteWord(text)) {
      throw new RowRejection(nonFinite, where + " is '" + text + "', not a finite number");
    }
    if (!DecimalText.isDecimal(text)) {
      throw new RowRejection(malformed, where + " '" + text + "' is not a number");
    }
    float value = Float.parseFloat(text);
    if (!Float.isFinite(value)) {
      throw new RowRejection(nonFinite, where + " '" + text + "' is beyond the float32 range");
    }
    return value;
  }

  private static String describeNonFinite(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return String.valueOf(value);
    }
    return value + ", beyond the float32 range";
  }
}
