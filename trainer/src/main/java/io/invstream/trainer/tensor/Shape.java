package io.invstream.trainer.tensor;

import java.util.Arrays;

/**
 * Dimensions of a row-major float32 tensor, outermost first.
 *
 * <p>Immutable; the component array is copied in and out so a shape can be used as a map key.
 */
public record Shape(int[] dims) {

  /** Validates that every dimension is positive. */
  public Shape {
    dims = dims.clone();
    if (dims.length == 0) {
      throw new IllegalArgumentException("a shape needs at least one dimension");
    }
    for (int d : dims) {
      if (d <= 0) {
        throw new IllegalArgumentException("dimensions must be positive, got " + Arrays.toString(dims));
      }
    }
  }

  /** Shape with the given dimensions. */
  public static Shape of(int... dims) {
    return new Shape(dims);
  }

  @Override
  public int[] dims() {
    return dims.clone();
  }

  /** Number of dimensions. */
  public int rank() {
    return dims.length;
  }

  /** Size of dimension {@code i}. */
  public int dim(int i) {
    return dims[i];
  }

  /** Number of elements. */
  public long size() {
    long n = 1;
    for (int d : dims) {
      n *= d;
    }
    return n;
  }

  /** Size of the outermost dimension: examples for activations, rows for matrices. */
  public int rows() {
    return dims[0];
  }

  /** Elements per outermost index, i.e. the row width of the tensor read as a matrix. */
  public long rowSize() {
    return size() / dims[0];
  }

  /** This shape with the outermost dimension replaced. */
  public Shape withRows(int rows) {
    int[] d = dims.clone();
    d[0] = rows;
    return new Shape(d);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  @Override
  public String toString() {
    return Arrays.toString(dims);
  }
}
