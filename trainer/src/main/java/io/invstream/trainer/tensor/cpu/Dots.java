package io.invstream.trainer.tensor.cpu;

/**
 * Dot products of heap chunks with eight independent float accumulators (Java may not reorder a
 * single floating-point sum, so one accumulator runs at the latency of an add), summed in double.
 * Chunks are at most {@link Scratch#CHUNK} long, so float partial sums lose nothing that matters
 * to norms and cosines.
 */
final class Dots {

  private Dots() {}

  static double dot(float[] x, float[] y, int len) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    int i = 0;
    for (; i + 8 <= len; i += 8) {
      s0 += x[i] * y[i];
      s1 += x[i + 1] * y[i + 1];
      s2 += x[i + 2] * y[i + 2];
      s3 += x[i + 3] * y[i + 3];
      s4 += x[i + 4] * y[i + 4];
      s5 += x[i + 5] * y[i + 5];
      s6 += x[i + 6] * y[i + 6];
      s7 += x[i + 7] * y[i + 7];
    }
    double sum = (double) s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
    for (; i < len; i++) {
      sum += (double) x[i] * y[i];
    }
    return sum;
  }

  static double sum(float[] x, int len) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    int i = 0;
    for (; i + 8 <= len; i += 8) {
      s0 += x[i];
      s1 += x[i + 1];
      s2 += x[i + 2];
      s3 += x[i + 3];
      s4 += x[i + 4];
      s5 += x[i + 5];
      s6 += x[i + 6];
      s7 += x[i + 7];
    }
    double sum = (double) s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
    for (; i < len; i++) {
      sum += x[i];
    }
    return sum;
  }
}
