package io.invstream.trainer.step;

import io.invstream.trainer.reference.ReferenceModel;

/** Float64 cross-entropy of a reference model on one environment batch. */
final class ReferenceLosses {

  private ReferenceLosses() {}

  static double[][] inputs(EnvironmentBatch b) {
    double[][] x = new double[b.rows()][b.cols()];
    float[] f = b.features();
    for (int r = 0; r < b.rows(); r++) {
      for (int c = 0; c < b.cols(); c++) {
        x[r][c] = f[r * b.cols() + c];
      }
    }
    return x;
  }

  static double weightSum(EnvironmentBatch b) {
    if (b.weights() == null) {
      return b.rows();
    }
    double s = 0;
    for (float w : b.weights()) {
      s += w;
    }
    return s;
  }

  /** Weighted mean cross-entropy {@code L_e(θ)}. */
  static double loss(ReferenceModel model, double[] theta, EnvironmentBatch b) {
    return loss(model.forward(theta, inputs(b)), b);
  }

  static double loss(ReferenceModel.Output out, EnvironmentBatch b) {
    double[][] z = out.logits();
    int[] y = b.labels();
    float[] w = b.weights();
    double total = 0;
    for (int r = 0; r < z.length; r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (double v : z[r]) {
        max = Math.max(max, v);
      }
      double sum = 0;
      for (double v : z[r]) {
        sum += Math.exp(v - max);
      }
      total += (w == null ? 1 : w[r]) * (max + Math.log(sum) - z[r][y[r]]);
    }
    return total / weightSum(b);
  }
}
