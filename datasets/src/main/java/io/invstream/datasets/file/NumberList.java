package io.invstream.datasets.file;

import io.invstream.schemas.validation.RejectReason;
import java.util.regex.Pattern;

/**
 * Parses a list of numbers written in one CSV cell: {@code [0.5, 1, 2]}, {@code 0.5,1,2} or {@code 0.5 1 2}. Square
 * brackets are optional; elements are separated by a comma (with optional spaces around it) or by spaces.
 */
final class NumberList {

  private static final Pattern SEPARATOR = Pattern.compile("\\s*,\\s*|\\s+");

  private NumberList() {}

  /** The feature values of a {@code features} cell. */
  static float[] features(String cell, String column) throws RowRejection {
    String[] elements = elements(cell, column, RejectReason.MALFORMED);
    float[] values = new float[elements.length];
    for (int i = 0; i < elements.length; i++) {
      values[i] = FieldRules.feature(elements[i], "feature " + i + " (element " + i + " of column " + column + ")");
    }
    return values;
  }

  /** The mask values of a {@code mask} cell, or {@code null} for an empty cell (no mask). */
  static float[] mask(String cell, String column) throws RowRejection {
    if (cell.isBlank()) {
      return null;
    }
    String[] elements = elements(cell, column, RejectReason.BAD_MASK);
    float[] values = new float[elements.length];
    for (int i = 0; i < elements.length; i++) {
      values[i] = FieldRules.maskValue(elements[i], "mask value " + i + " (element " + i + " of column " + column
          + ")");
    }
    return values;
  }

  private static String[] elements(String cell, String column, RejectReason malformed) throws RowRejection {
    String body = cell.strip();
    if (body.startsWith("[") != body.endsWith("]")) {
      throw new RowRejection(malformed, "column " + column + " has an unbalanced bracket: '" + abbreviate(body) + "'");
    }
    if (body.startsWith("[")) {
      body = body.substring(1, body.length() - 1).strip();
    }
    if (body.isEmpty()) {
      return new String[0];
    }
    String[] elements = SEPARATOR.split(body, -1);
    for (int i = 0; i < elements.length; i++) {
      if (elements[i].isEmpty()) {
        throw new RowRejection(malformed, "element " + i + " of column " + column + " is empty (two separators in"
            + " a row, or one at an end): '" + abbreviate(body) + "'");
      }
    }
    return elements;
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
