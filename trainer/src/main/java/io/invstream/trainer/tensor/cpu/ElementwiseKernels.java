package io.invstream.trainer.tensor.cpu;

import io.invstream.trainer.tensor.Shape;
import java.nio.FloatBuffer;

/** Elementwise and small reduction kernels as plain loops over the tensors' direct buffers. */
final class ElementwiseKernels {

  private ElementwiseKernels() {}

  static void fill(CpuTensor x, float value) {
    FloatBuffer d = x.data();
    for (int i = 0, n = x.length(); i < n; i++) {
      d.put(i, value);
    }
  }

  static void copy(CpuTensor src, CpuTensor dst) {
    sameLength(src, dst);
    dst.data().put(0, src.data(), 0, src.length());
  }

  static void axpy(float alpha, CpuTensor x, CpuTensor y) {
    sameLength(x, y);
    FloatBuffer xd = x.data();
    FloatBuffer yd = y.data();
    for (int i = 0, n = x.length(); i < n; i++) {
      yd.put(i, yd.get(i) + alpha * xd.get(i));
    }
  }

  static void scale(float alpha, CpuTensor x) {
    FloatBuffer d = x.data();
    for (int i = 0, n = x.length(); i < n; i++) {
      d.put(i, alpha * d.get(i));
    }
  }

  static void multiply(CpuTensor a, CpuTensor b, CpuTensor out) {
    sameLength(a, b);
    sameLength(a, out);
    FloatBuffer ad = a.data();
    FloatBuffer bd = b.data();
    FloatBuffer od = out.data();
    for (int i = 0, n = a.length(); i < n; i++) {
      od.put(i, ad.get(i) * bd.get(i));
    }
  }

  static double dot(CpuTensor a, CpuTensor b) {
    sameLength(a, b);
    FloatBuffer ad = a.data();
    FloatBuffer bd = b.data();
    double sum = 0;
    for (int i = 0, n = a.length(); i < n; i++) {
      sum += (double) ad.get(i) * bd.get(i);
    }
    return sum;
  }

  static double sumOfSquares(CpuTensor x) {
    FloatBuffer d = x.data();
    double sum = 0;
    for (int i = 0, n = x.length(); i < n; i++) {
      double v = d.get(i);
      sum += v * v;
    }
    return sum;
  }

  static void linearCombination(double[] coefficients, CpuTensor stacked, CpuTensor out) {
    int e = stacked.rows();
    int n = stacked.cols();
    if (coefficients.length != e || out.length() != n) {
      throw new IllegalArgumentException(
          coefficients.length + " coefficients for stacked " + stacked.shape() + " into " + out.shape());
    }
    FloatBuffer s = stacked.data();
    FloatBuffer o = out.data();
    float c0 = (float) coefficients[0];
    for (int j = 0; j < n; j++) {
      o.put(j, c0 * s.get(j));
    }
    for (int row = 1; row < e; row++) {
      float c = (float) coefficients[row];
      int base = row * n;
      for (int j = 0; j < n; j++) {
        o.put(j, o.get(j) + c * s.get(base + j));
      }
    }
  }

  static void addBias(CpuTensor x, CpuTensor bias, boolean relu) {
    int rows = x.rows();
    int cols = x.cols();
    if (bias.length() != cols) {
      throw new IllegalArgumentException("bias " + bias.shape() + " for matrix " + x.shape());
    }
    FloatBuffer d = x.data();
    FloatBuffer b = bias.data();
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      for (int c = 0; c < cols; c++) {
        float v = d.get(base + c) + b.get(c);
        d.put(base + c, relu && !(v > 0) ? 0f : v);
      }
    }
  }

  static void reluBackward(CpuTensor gradient, CpuTensor activation) {
    sameLength(gradient, activation);
    FloatBuffer g = gradient.data();
    FloatBuffer a = activation.data();
    for (int i = 0, n = g.limit(); i < n; i++) {
      if (!(a.get(i) > 0)) {
        g.put(i, 0f);
      }
    }
  }

  static void columnSums(CpuTensor x, float beta, CpuTensor out) {
    int rows = x.rows();
    int cols = x.cols();
    if (out.length() != cols) {
      throw new IllegalArgumentException("column sums of " + x.shape() + " into " + out.shape());
    }
    FloatBuffer d = x.data();
    FloatBuffer o = out.data();
    for (int c = 0; c < cols; c++) {
      o.put(c, beta == 0f ? 0f : beta * o.get(c));
    }
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      for (int c = 0; c < cols; c++) {
        o.put(c, o.get(c) + d.get(base + c));
      }
    }
  }

  static void transposeMatrices(CpuTensor in, CpuTensor out) {
    Shape s = in.shape();
    Shape t = out.shape();
    if (s.rank() != 3
        || t.rank() != 3
        || s.dim(0) != t.dim(0)
        || s.dim(1) != t.dim(2)
        || s.dim(2) != t.dim(1)) {
      throw new IllegalArgumentException("cannot transpose " + s + " into " + t);
    }
    int batches = s.dim(0);
    int r = s.dim(1);
    int c = s.dim(2);
    FloatBuffer src = in.data();
    FloatBuffer dst = out.data();
    for (int b = 0; b < batches; b++) {
      int base = b * r * c;
      for (int i = 0; i < r; i++) {
        for (int j = 0; j < c; j++) {
          dst.put(base + j * r + i, src.get(base + i * c + j));
        }
      }
    }
  }

  static void sameLength(CpuTensor a, CpuTensor b) {
    if (a.length() != b.length()) {
      throw new IllegalArgumentException(
          "sizes differ: " + a.shape() + " (" + a.length() + ") vs " + b.shape() + " (" + b.length() + ")");
    }
  }
}
