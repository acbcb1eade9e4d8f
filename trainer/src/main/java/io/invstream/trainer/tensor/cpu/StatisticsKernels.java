package io.invstream.trainer.tensor.cpu;

import java.nio.FloatBuffer;
import java.util.Arrays;

/** Per-example gradient statistics of a linear classifier layer (Fishr's variances). */
final class StatisticsKernels {

  private StatisticsKernels() {}

  static void classifierGradientVariance(
      CpuTensor errors, CpuTensor features, CpuTensor weightVariance, CpuTensor biasVariance) {
    int n = errors.rows();
    int k = errors.cols();
    int d = features.cols();
    if (features.rows() != n || weightVariance.length() != k * d || biasVariance.length() != k) {
      throw new IllegalArgumentException(
          "errors " + errors.shape() + ", features " + features.shape() + " cannot write "
              + weightVariance.shape() + " and " + biasVariance.shape()
              + "; expected [" + k + ", " + d + "] and [" + k + "]");
    }
    FloatBuffer e = errors.data();
    FloatBuffer h = features.data();
    FloatBuffer wv = weightVariance.data();
    FloatBuffer bv = biasVariance.data();
    double[] mean = new double[d];
    double[] squares = new double[d];
    // Two passes in double: the one-pass m2 − m1² loses every digit when the mean dominates.
    for (int c = 0; c < k; c++) {
      Arrays.fill(mean, 0);
      Arrays.fill(squares, 0);
      double errorMean = 0;
      for (int r = 0; r < n; r++) {
        double err = e.get(r * k + c);
        errorMean += err;
        for (int j = 0; j < d; j++) {
          mean[j] += err * h.get(r * d + j);
        }
      }
      errorMean /= n;
      for (int j = 0; j < d; j++) {
        mean[j] /= n;
      }
      double errorSquares = 0;
      for (int r = 0; r < n; r++) {
        double err = e.get(r * k + c);
        errorSquares += (err - errorMean) * (err - errorMean);
        for (int j = 0; j < d; j++) {
          double dev = err * h.get(r * d + j) - mean[j];
          squares[j] += dev * dev;
        }
      }
      for (int j = 0; j < d; j++) {
        wv.put(c * d + j, (float) (squares[j] / n));
      }
      bv.put(c, (float) (errorSquares / n));
    }
  }
}
