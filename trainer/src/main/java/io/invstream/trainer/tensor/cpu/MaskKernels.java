package io.invstream.trainer.tensor.cpu;

import java.nio.FloatBuffer;

/**
 * Sign-agreement kernels over per-environment gradients stacked as {@code [E, n]}.
 *
 * <p>The mean of signs and its comparison with τ are done in float32, as the PyTorch reference
 * does, so that boundary cases such as τ = 2/3 with three environments decide the same way.
 */
final class MaskKernels {

  private MaskKernels() {}

  static long andMask(CpuTensor stacked, float tau, CpuTensor out) {
    int e = stacked.rows();
    int n = stacked.cols();
    checkOut(stacked, out);
    FloatBuffer g = stacked.data();
    FloatBuffer o = out.data();
    float invE = 1f / e;
    long kept = 0;
    for (int j = 0; j < n; j++) {
      int signs = 0;
      float sum = 0f;
      for (int row = 0; row < e; row++) {
        float v = g.get(row * n + j);
        sum += v;
        signs += v > 0 ? 1 : (v < 0 ? -1 : 0);
      }
      boolean keep = Math.abs(signs * invE) >= tau;
      o.put(j, keep ? sum * invE : 0f);
      kept += keep ? 1 : 0;
    }
    rescale(o, n, kept);
    return kept;
  }

  static double sandMask(CpuTensor stacked, float tau, float k, CpuTensor out) {
    int e = stacked.rows();
    int n = stacked.cols();
    checkOut(stacked, out);
    FloatBuffer g = stacked.data();
    FloatBuffer o = out.data();
    float invE = 1f / e;
    double maskSum = 0;
    for (int j = 0; j < n; j++) {
      int signs = 0;
      double sum = 0;
      for (int row = 0; row < e; row++) {
        float v = g.get(row * n + j);
        sum += v;
        signs += v > 0 ? 1 : (v < 0 ? -1 : 0);
      }
      double mean = sum / e;
      double squares = 0;
      for (int row = 0; row < e; row++) {
        double d = g.get(row * n + j) - mean;
        squares += d * d;
      }
      double variance = squares / (e - 1);
      if (Double.isNaN(variance)) {
        variance = 1e-17;
      }
      double m = Math.tanh(k * (Math.abs(signs * invE) - tau) / variance);
      m = Double.isNaN(m) ? 1e-17 : Math.max(m, 0.0);
      o.put(j, (float) (m * mean));
      maskSum += m;
    }
    float factor = (float) (1.0 / (1e-10 + maskSum / n));
    for (int j = 0; j < n; j++) {
      o.put(j, o.get(j) * factor);
    }
    return maskSum;
  }

  static long signAgreement(CpuTensor stacked) {
    int e = stacked.rows();
    int n = stacked.cols();
    FloatBuffer g = stacked.data();
    long agreeing = 0;
    for (int j = 0; j < n; j++) {
      int signs = 0;
      for (int row = 0; row < e; row++) {
        float v = g.get(row * n + j);
        signs += v > 0 ? 1 : (v < 0 ? -1 : 0);
      }
      agreeing += Math.abs(signs) == e ? 1 : 0;
    }
    return agreeing;
  }

  private static void rescale(FloatBuffer o, int n, long kept) {
    float factor = (float) (1.0 / (1e-10 + (double) kept / n));
    for (int j = 0; j < n; j++) {
      o.put(j, o.get(j) * factor);
    }
  }

  private static void checkOut(CpuTensor stacked, CpuTensor out) {
    if (out.length() != stacked.cols()) {
      throw new IllegalArgumentException(
          "mask of stacked gradients " + stacked.shape() + " cannot write " + out.shape()
              + "; expected " + stacked.cols() + " elements");
    }
  }
}
