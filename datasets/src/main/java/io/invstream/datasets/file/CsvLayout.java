package io.invstream.datasets.file;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where each part of an example sits in a CSV row, worked out once from the header. Positions are 0-based column
 * indexes; -1 means the column is absent. Features and mask are either numbered columns ({@code featureColumns},
 * {@code maskColumns}) or one list column ({@code featureList}, {@code maskList}).
 */
record CsvLayout(int columnCount, int environment, int label, int id, int time, int weight, int[] featureColumns,
    int featureList, int[] maskColumns, int maskList) {

  /**
   * Reads the header.
   *
   * @throws FileLayoutException if a column is unknown or repeated, a required one is missing, or the numbered
   *     columns have gaps or disagree with the configured feature count
   */
  static CsvLayout of(List<String> header, ReadOptions options, String source) throws FileLayoutException {
    try {
      return parse(header, options);
    } catch (IllegalArgumentException e) {
      throw new FileLayoutException(source + ":1 (header): " + e.getMessage());
    }
  }

  private static CsvLayout parse(List<String> header, ReadOptions options) {
    TreeMap<Integer, Integer> features = new TreeMap<>();
    TreeMap<Integer, Integer> masks = new TreeMap<>();
    int[] named = {-1, -1, -1, -1, -1, -1, -1};
    List<String> order = List.of(ColumnNames.ENVIRONMENT, ColumnNames.LABEL, ColumnNames.ID, ColumnNames.TIME,
        ColumnNames.WEIGHT, ColumnNames.FEATURES, ColumnNames.MASK);
    Set<String> seen = new HashSet<>();
    for (int column = 0; column < header.size(); column++) {
      String name = header.get(column).strip();
      if (!seen.add(name)) {
        throw new IllegalArgumentException("column '" + name + "' appears twice");
      }
      if (ColumnNames.isNamed(name)) {
        named[order.indexOf(name)] = column;
      } else if (ColumnNames.featureIndex(name) >= 0) {
        features.put(ColumnNames.featureIndex(name), column);
      } else if (ColumnNames.maskIndex(name) >= 0) {
        masks.put(ColumnNames.maskIndex(name), column);
      } else {
        throw new IllegalArgumentException("unknown column '" + name + "' (column " + (column + 1)
            + "); the known columns are " + ColumnNames.KNOWN + ". Remove or rename it");
      }
    }
    requireShape(named, features, masks, options);
    return new CsvLayout(header.size(), named[0], named[1], named[2], named[3], named[4],
        features.isEmpty() ? null : ColumnNames.contiguous(features, 'f'), named[5],
        masks.isEmpty() ? null : ColumnNames.contiguous(masks, 'm'), named[6]);
  }

  private static void requireShape(int[] named, TreeMap<Integer, Integer> features, TreeMap<Integer, Integer> masks,
      ReadOptions options) {
    if (named[0] < 0 && options.defaultEnvironment() == null) {
      throw new IllegalArgumentException("there is no 'env' column; add one, or set"
          + " ReadOptions.defaultEnvironment to put every row in one environment");
    }
    if (named[1] < 0) {
      throw new IllegalArgumentException("there is no 'label' column; every example needs a class index");
    }
    if (features.isEmpty() == (named[5] < 0)) {
      throw new IllegalArgumentException(features.isEmpty()
          ? "there are no features: add columns f0..fN, or one column 'features' holding a list"
          : "use either columns f0..fN or one column 'features', not both");
    }
    if (!masks.isEmpty() && named[6] >= 0) {
      throw new IllegalArgumentException("use either columns m0..mN or one column 'mask', not both");
    }
    if (!features.isEmpty() && !masks.isEmpty() && features.size() != masks.size()) {
      throw new IllegalArgumentException("there are " + features.size() + " feature columns but " + masks.size()
          + " mask columns; the mask needs one value per feature");
    }
    if (!features.isEmpty() && options.featureCount() != 0 && features.size() != options.featureCount()) {
      throw new IllegalArgumentException("there are " + features.size() + " feature columns but"
          + " ReadOptions.featureCount is " + options.featureCount());
    }
  }
}
