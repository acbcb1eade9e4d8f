package io.invstream.trainer.model;

import java.util.Arrays;

/**
 * How a pooled batch is cut into segments of consecutive rows, one per environment: the forward
 * pass runs over the whole batch at once, the backward pass writes one parameter gradient per
 * segment.
 */
public record BatchLayout(int[] rows) {

  /** Requires at least one segment and positive row counts. */
  public BatchLayout {
    rows = rows.clone();
    if (rows.length == 0) {
      throw new IllegalArgumentException("a batch needs at least one segment");
    }
    for (int r : rows) {
      if (r <= 0) {
        throw new IllegalArgumentException("segments need at least one row, got " + Arrays.toString(rows));
      }
    }
  }

  /** A layout of one segment. */
  public static BatchLayout single(int rows) {
    return new BatchLayout(new int[] {rows});
  }

  @Override
  public int[] rows() {
    return rows.clone();
  }

  public int segments() {
    return rows.length;
  }

  public int rows(int segment) {
    return rows[segment];
  }

  /** First row of {@code segment} in the pooled batch. */
  public int start(int segment) {
    int start = 0;
    for (int s = 0; s < segment; s++) {
      start += rows[s];
    }
    return start;
  }

  public int totalRows() {
    return start(rows.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BatchLayout b && Arrays.equals(rows, b.rows);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(rows);
  }

  @Override
  public String toString() {
    return "BatchLayout" + Arrays.toString(rows);
  }
}
