package io.invstream.trainer.tensor.cpu;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Sign-agreement kernels over per-environment gradients stacked as {@code [E, n]}, streamed in
 * chunks: per chunk one pass over each environment's row accumulates the sum and the sum of signs,
 * then a branch-free pass decides the mask.
 *
 * <p>The mean of signs and its comparison with τ are done in float32, as the PyTorch reference
 * does, so boundary cases such as τ = 2/3 with three environments decide the same way.
 */
final class MaskKernels {

  /** Above this tanh is 1 in float32. */
  private static final float TANH_SATURATION = 10f;
  /** Added to magnitudes before the logarithm, as the reference code does. */
  private static final double GEOMETRIC_EPSILON = 1e-10;

  private MaskKernels() {}

  static long andMask(CpuTensor stacked, float tau, CpuTensor out, Scratch s) {
    int e = stacked.rows();
    int n = stacked.cols();
    checkOut(stacked, out);
    float ef = e;
    double kept = 0;
    for (int start = 0; start < n; start += Scratch.CHUNK) {
      int len = Math.min(Scratch.CHUNK, n - start);
      accumulate(stacked.data(), e, n, start, len, s);
      float[] sum = s.sum;
      float[] signs = s.signs;
      float[] o = s.b;
      float[] mask = s.c;
      for (int i = 0; i < len; i++) {
        float m = step(Math.abs(signs[i] / ef) - tau);
        mask[i] = m;
        o[i] = m * (sum[i] / ef);
      }
      kept += Dots.sum(mask, len);
      out.data().put(start, o, 0, len);
    }
    ElementwiseKernels.scale((float) (1.0 / (1e-10 + kept / n)), out, s);
    return (long) kept;
  }

  /**
   * AND-mask's geometric-mean variant: the geometric mean {@code exp(mean_e log(|g|+1e-10))} is
   * taken as {@code (Π_e (|g|+1e-10))^(1/E)} with the product in double (one log and one exp per
   * kept entry instead of E logs), falling back to the sum of logs where the product under- or
   * overflows. Only kept entries pay for the transcendental functions.
   */
  static long andMaskGeometricMean(CpuTensor stacked, float tau, CpuTensor out, Scratch s) {
    int e = stacked.rows();
    int n = stacked.cols();
    checkOut(stacked, out);
    FloatBuffer g = stacked.data();
    float ef = e;
    double kept = 0;
    for (int start = 0; start < n; start += Scratch.CHUNK) {
      int len = Math.min(Scratch.CHUNK, n - start);
      accumulate(g, e, n, start, len, s);
      double[] product = s.product;
      Arrays.fill(product, 0, len, 1.0);
      for (int r = 0; r < e; r++) {
        g.get(r * n + start, s.a, 0, len);
        for (int i = 0; i < len; i++) {
          product[i] *= Math.abs(s.a[i]) + GEOMETRIC_EPSILON;
        }
      }
      float[] o = s.b;
      float[] mask = s.c;
      for (int i = 0; i < len; i++) {
        float m = step(Math.abs(s.signs[i] / ef) - tau);
        mask[i] = m;
        o[i] = m == 0f ? 0f : sign(s.sum[i]) * (float) geometricMean(product[i], g, e, n, start + i);
      }
      kept += Dots.sum(mask, len);
      out.data().put(start, o, 0, len);
    }
    ElementwiseKernels.scale((float) (1.0 / (1e-10 + kept / n)), out, s);
    return (long) kept;
  }

  private static double geometricMean(double product, FloatBuffer g, int e, int n, int column) {
    if (product > 0 && product < Double.POSITIVE_INFINITY) {
      return Math.exp(Math.log(product) / e);
    }
    double logs = 0;
    for (int r = 0; r < e; r++) {
      logs += Math.log(Math.abs(g.get(r * n + column)) + GEOMETRIC_EPSILON);
    }
    return Math.exp(logs / e);
  }

  static double sandMask(CpuTensor stacked, float tau, float k, CpuTensor out, Scratch s) {
    int e = stacked.rows();
    int n = stacked.cols();
    checkOut(stacked, out);
    FloatBuffer g = stacked.data();
    float ef = e;
    double maskSum = 0;
    for (int start = 0; start < n; start += Scratch.CHUNK) {
      int len = Math.min(Scratch.CHUNK, n - start);
      accumulate(g, e, n, start, len, s);
      float[] mean = s.sum;
      for (int i = 0; i < len; i++) {
        mean[i] /= ef;
      }
      float[] squares = s.c;
      Arrays.fill(squares, 0, len, 0f);
      for (int r = 0; r < e; r++) {
        g.get(r * n + start, s.a, 0, len);
        for (int i = 0; i < len; i++) {
          float dev = s.a[i] - mean[i];
          squares[i] += dev * dev;
        }
      }
      float[] o = s.b;
      double chunkSum = 0;
      for (int i = 0; i < len; i++) {
        float variance = squares[i] / (ef - 1f);
        if (Float.isNaN(variance)) {
          variance = 1e-17f;
        }
        float x = k * (Math.abs(s.signs[i] / ef) - tau) / variance;
        float m = mask(x);
        o[i] = m * mean[i];
        chunkSum += m;
      }
      maskSum += chunkSum;
      out.data().put(start, o, 0, len);
    }
    ElementwiseKernels.scale((float) (1.0 / (1e-10 + maskSum / n)), out, s);
    return maskSum;
  }

  /** {@code max(tanh(x), 0)} with NaN → 1e-17, skipping tanh where its value is known. */
  private static float mask(float x) {
    if (x > 0f) {
      return x >= TANH_SATURATION ? 1f : (float) Math.tanh(x);
    }
    return Float.isNaN(x) ? 1e-17f : 0f;
  }

  static long signAgreement(CpuTensor stacked, Scratch s) {
    int e = stacked.rows();
    int n = stacked.cols();
    FloatBuffer g = stacked.data();
    float ef = e;
    long agreeing = 0;
    for (int start = 0; start < n; start += Scratch.CHUNK) {
      int len = Math.min(Scratch.CHUNK, n - start);
      Arrays.fill(s.signs, 0, len, 0f);
      for (int r = 0; r < e; r++) {
        g.get(r * n + start, s.a, 0, len);
        countSigns(s.a, len, s);
      }
      float[] agree = s.c;
      for (int i = 0; i < len; i++) {
        agree[i] = step(Math.abs(s.signs[i]) - ef);
      }
      agreeing += (long) Dots.sum(agree, len);
    }
    return agreeing;
  }

  /** Fills {@code s.sum} and {@code s.signs} for one chunk of columns. */
  private static void accumulate(FloatBuffer g, int e, int n, int start, int len, Scratch s) {
    Arrays.fill(s.sum, 0, len, 0f);
    Arrays.fill(s.signs, 0, len, 0f);
    float[] row = s.a;
    for (int r = 0; r < e; r++) {
      g.get(r * n + start, row, 0, len);
      float[] sum = s.sum;
      for (int i = 0; i < len; i++) {
        sum[i] += row[i];
      }
      countSigns(row, len, s);
    }
  }

  /** Adds sign(row) to {@code s.signs}. */
  private static void countSigns(float[] row, int len, Scratch s) {
    float[] signs = s.signs;
    for (int i = 0; i < len; i++) {
      signs[i] += sign(row[i]);
    }
  }

  /**
   * sign(v) with sign(±0) = 0, without a branch: any non-zero float (denormals included) times
   * 2^254 is at least 2^105 in magnitude and clamps to ±1. Gradient signs are random, so a
   * branch here mispredicts half the time and cost 3–6 ns per entry.
   */
  static float sign(float v) {
    return Math.min(Math.max(v * 0x1p127f * 0x1p127f, -1f), 1f);
  }

  /** {@code d >= 0 ? 1 : 0} without a branch, for finite d (same scaling argument as sign). */
  static float step(float d) {
    return Math.min(Math.max(d * 0x1p127f * 0x1p127f + 1f, 0f), 1f);
  }

  private static void checkOut(CpuTensor stacked, CpuTensor out) {
    if (out.length() != stacked.cols()) {
      throw new IllegalArgumentException(
          "mask of stacked gradients " + stacked.shape() + " cannot write " + out.shape()
              + "; expected " + stacked.cols() + " elements");
    }
  }
}
