package io.invstream.trainer.reference;

import io.invstream.trainer.param.NamedTensor;
import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.List;
import java.util.SplittableRandom;

/** Conversions between backend tensors and float64 host arrays for comparisons in tests. */
public final class HostTensors {

  private HostTensors() {}

  /** All tensors of a block concatenated in layout order, widened to double. */
  public static double[] flatten(TensorBackend backend, ParameterBlock block) {
    List<NamedTensor> tensors = block.export(backend);
    int size = tensors.stream().mapToInt(t -> t.data().length).sum();
    double[] out = new double[size];
    int offset = 0;
    for (NamedTensor t : tensors) {
      for (float v : t.data()) {
        out[offset++] = v;
      }
    }
    return out;
  }

  /** A tensor read as {@code [rows][cols]} doubles. */
  public static double[][] matrix(TensorBackend backend, Tensor t) {
    int rows = t.shape().rows();
    int cols = Math.toIntExact(t.shape().rowSize());
    float[] data = backend.download(t);
    double[][] out = new double[rows][cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[r][c] = data[r * cols + c];
      }
    }
    return out;
  }

  /** Row-major float copy of a matrix. */
  public static float[] floats(double[][] m) {
    float[] out = new float[m.length * m[0].length];
    for (int r = 0; r < m.length; r++) {
      for (int c = 0; c < m[0].length; c++) {
        out[r * m[0].length + c] = (float) m[r][c];
      }
    }
    return out;
  }

  /** A matrix of float-representable values uniform in [-scale, scale). */
  public static double[][] random(SplittableRandom random, int rows, int cols, double scale) {
    double[][] out = new double[rows][cols];
    for (double[] row : out) {
      for (int c = 0; c < cols; c++) {
        row[c] = (float) ((2 * random.nextDouble() - 1) * scale);
      }
    }
    return out;
  }

  /** Rows {@code [from, to)} of a matrix. */
  public static double[][] rows(double[][] m, int from, int to) {
    return java.util.Arrays.copyOfRange(m, from, to);
  }
}
