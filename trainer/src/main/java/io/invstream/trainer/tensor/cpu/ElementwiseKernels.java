package io.invstream.trainer.tensor.cpu;

import io.invstream.trainer.tensor.Shape;
import java.nio.FloatBuffer;
import java.util.Arrays;

/** Elementwise and small reduction kernels; large ones stream through {@link Scratch} chunks. */
final class ElementwiseKernels {

  private static final float[] ZEROS = new float[Scratch.CHUNK];

  private ElementwiseKernels() {}

  static void fill(CpuTensor x, float value, Scratch s) {
    float[] values = value == 0f ? ZEROS : s.a;
    if (value != 0f) {
      Arrays.fill(values, value);
    }
    FloatBuffer d = x.data();
    for (int start = 0, n = x.length(); start < n; start += Scratch.CHUNK) {
      d.put(start, values, 0, Math.min(Scratch.CHUNK, n - start));
    }
  }

  static void copy(CpuTensor src, CpuTensor dst) {
    sameLength(src, dst);
    dst.data().put(0, src.data(), 0, src.length());
  }

  static void axpy(float alpha, CpuTensor x, CpuTensor y, Scratch s) {
    sameLength(x, y);
    FloatBuffer xd = x.data();
    FloatBuffer yd = y.data();
    float[] xa = s.a;
    float[] ya = s.b;
    for (int start = 0, n = x.length(); start < n; start += Scratch.CHUNK) {
      int len = Math.min(Scratch.CHUNK, n - start);
      xd.get(start, xa, 0, len);
      yd.get(start, ya, 0, len);
      for (int i = 0; i < len; i++) {
        ya[i] += alpha * xa[i];
      }
      yd.put(start, ya, 0, len);
    }
  }

  static void scale(float alpha, CpuTensor x, Scratch s) {
    FloatBuffer d = x.data();
    float[] a = s.a;
    for (int start = 0, n = x.length(); start < n; start += Scratch.CHUNK) {
      int len = Math.min(Scratch.CHUNK, n - start);
      d.get(start, a, 0, len);
      for (int i = 0; i < len; i++) {
        a[i] *= alpha;
      }
      d.put(start, a, 0, len);
    }
  }

  static void multiply(CpuTensor x, CpuTensor y, CpuTensor out, Scratch s) {
    sameLength(x, y);
    sameLength(x, out);
    float[] a = s.a;
    float[] b = s.b;
    for (int start = 0, n = x.length(); start < n; start += Scratch.CHUNK) {
      int len = Math.min(Scratch.CHUNK, n - start);
      x.data().get(start, a, 0, len);
      y.data().get(start, b, 0, len);
      for (int i = 0; i < len; i++) {
        a[i] *= b[i];
      }
      out.data().put(start, a, 0, len);
    }
  }

  static double dot(CpuTensor x, CpuTensor y, Scratch s) {
    sameLength(x, y);
    double sum = 0;
    for (int start = 0, n = x.length(); start < n; start += Scratch.CHUNK) {
      int len = Math.min(Scratch.CHUNK, n - start);
      x.data().get(start, s.a, 0, len);
      y.data().get(start, s.b, 0, len);
      sum += Dots.dot(s.a, s.b, len);
    }
    return sum;
  }

  static double sumOfSquares(CpuTensor x, Scratch s) {
    double sum = 0;
    for (int start = 0, n = x.length(); start < n; start += Scratch.CHUNK) {
      int len = Math.min(Scratch.CHUNK, n - start);
      x.data().get(start, s.a, 0, len);
      sum += Dots.dot(s.a, s.a, len);
    }
    return sum;
  }

  static void linearCombination(double[] coefficients, CpuTensor stacked, CpuTensor out, Scratch s) {
    int e = stacked.rows();
    int n = stacked.cols();
    if (coefficients.length != e || out.length() != n) {
      throw new IllegalArgumentException(
          coefficients.length + " coefficients for stacked " + stacked.shape() + " into " + out.shape());
    }
    FloatBuffer g = stacked.data();
    float[] acc = s.sum;
    float[] row = s.a;
    for (int start = 0; start < n; start += Scratch.CHUNK) {
      int len = Math.min(Scratch.CHUNK, n - start);
      Arrays.fill(acc, 0, len, 0f);
      for (int r = 0; r < e; r++) {
        g.get(r * n + start, row, 0, len);
        float c = (float) coefficients[r];
        for (int i = 0; i < len; i++) {
          acc[i] += c * row[i];
        }
      }
      out.data().put(start, acc, 0, len);
    }
  }

  static void addBias(CpuTensor x, CpuTensor bias, boolean relu, Scratch s) {
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
        d.put(base + c, relu ? Math.max(v, 0f) : v);
      }
    }
  }

  static void reluBackward(CpuTensor gradient, CpuTensor activation, Scratch s) {
    sameLength(gradient, activation);
    float[] g = s.a;
    float[] a = s.b;
    for (int start = 0, n = gradient.length(); start < n; start += Scratch.CHUNK) {
      int len = Math.min(Scratch.CHUNK, n - start);
      gradient.data().get(start, g, 0, len);
      activation.data().get(start, a, 0, len);
      for (int i = 0; i < len; i++) {
        g[i] = a[i] > 0f ? g[i] : 0f;
      }
      gradient.data().put(start, g, 0, len);
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
      float sum = beta == 0f ? 0f : beta * o.get(c);
      for (int r = 0; r < rows; r++) {
        sum += d.get(r * cols + c);
      }
      o.put(c, sum);
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
