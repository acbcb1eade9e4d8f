package io.invstream.datasets.file;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the columns (CSV) or keys (JSON lines) the readers understand, and the check that numbered columns
 * ({@code f0, f1, ...} or {@code m0, m1, ...}) form an unbroken run from 0.
 */
final class ColumnNames {

  static final String ENVIRONMENT = "env";
  static final String LABEL = "label";
  static final String FEATURES = "features";
  static final String MASK = "mask";
  static final String ID = "id";
  static final String TIME = "time";
  static final String WEIGHT = "weight";

  /** Said in every message about an unknown column, so the fix is in the message. */
  static final String KNOWN = "env, label, features or f0..fN, mask or m0..mN, id, time, weight";

  private static final Pattern NUMBERED = Pattern.compile("([fm])(0|[1-9][0-9]{0,8})");

  private ColumnNames() {}

  /** The feature index of {@code f17} (17), or -1 if the name is not a feature column. */
  static int featureIndex(String name) {
    return numbered(name, 'f');
  }

  /** The mask index of {@code m17} (17), or -1 if the name is not a mask column. */
  static int maskIndex(String name) {
    return numbered(name, 'm');
  }

  static boolean isNamed(String name) {
    return name.equals(ENVIRONMENT) || name.equals(LABEL) || name.equals(FEATURES) || name.equals(MASK)
        || name.equals(ID) || name.equals(TIME) || name.equals(WEIGHT);
  }

  /**
   * Positions of numbered columns in index order.
   *
   * @param byIndex column (or any) position keyed by the column's number
   * @return positions for 0..n-1
   * @throws IllegalArgumentException naming the first missing number
   */
  static int[] contiguous(TreeMap<Integer, Integer> byIndex, char prefix) {
    int[] positions = new int[byIndex.size()];
    int expected = 0;
    for (Map.Entry<Integer, Integer> e : byIndex.entrySet()) {
      if (e.getKey() != expected) {
        throw new IllegalArgumentException(prefix + "" + expected + " is missing: " + prefix + "0.." + prefix
            + byIndex.lastKey() + " must all be present");
      }
      positions[expected++] = e.getValue();
    }
    return positions;
  }

  private static int numbered(String name, char prefix) {
    Matcher m = NUMBERED.matcher(name);
    return m.matches() && m.group(1).charAt(0) == prefix ? Integer.parseInt(m.group(2)) : -1;
  }
}
