package io.invstream.datasets.file;

import java.util.Locale;

/**
 * Recognises the number syntax the readers accept. {@link Float#parseFloat} alone is too lenient for data files: it
 * takes {@code "1f"}, {@code "0x1p3"} and surrounding control characters, which almost always signal a broken file.
 */
final class DecimalText {

  private DecimalText() {}

  /** Optional sign, digits with at most one decimal point (at least one digit), optional exponent. */
  static boolean isDecimal(String text) {
    int i = skipSign(text, 0);
    int digits = 0;
    boolean point = false;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '.' && !point) {
        point = true;
      } else {
        break;
      }
      i++;
    }
    if (digits == 0) {
      return false;
    }
    if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i = skipSign(text, i + 1);
      int exponentStart = i;
      while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        i++;
      }
      if (i == exponentStart) {
        return false;
      }
    }
    return i == text.length();
  }

  /** Optional sign and digits only. */
  static boolean isInteger(String text) {
    int i = skipSign(text, 0);
    if (i == text.length()) {
      return false;
    }
    for (; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** {@code nan}, {@code inf} or {@code infinity} in any case, optionally signed: what numpy, pandas and Java write. */
  static boolean isNonFiniteWord(String text) {
    String word = text.substring(skipSign(text, 0)).toLowerCase(Locale.ROOT);
    return word.equals("nan") || word.equals("inf") || word.equals("infinity");
  }

  private static int skipSign(String text, int i) {
    return i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-') ? i + 1 : i;
  }
}
