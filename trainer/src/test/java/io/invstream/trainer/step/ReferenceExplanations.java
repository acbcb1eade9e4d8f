package io.invstream.trainer.step;

import io.invstream.trainer.reference.ReferenceModel;

/**
 * Float64 RRR quantities of a reference model, computed independently of the trainer: the input
 * gradient of {@code S = Σ_k log p_k} one input direction at a time (forward mode along each unit
 * vector), the penalty and the objective.
 */
final class ReferenceExplanations {

  private ReferenceExplanations() {}

  /** {@code G[n][d] = ∂/∂x_nd Σ_k log p_nk}. */
  static double[][] inputGradient(ReferenceModel model, double[] theta, double[][] x) {
    int n = x.length;
    int inputs = x[0].length;
    double[][] p = softmax(model.forward(theta, x).logits());
    double[][] g = new double[n][inputs];
    for (int d = 0; d < inputs; d++) {
      double[][] direction = new double[n][inputs];
      for (int r = 0; r < n; r++) {
        direction[r][d] = 1;
      }
      double[][] zt = model.tangent(theta, x, direction);
      for (int r = 0; r < n; r++) {
        int k = p[r].length;
        for (int c = 0; c < k; c++) {
          g[r][d] += (1 - k * p[r][c]) * zt[r][c];
        }
      }
    }
    return g;
  }

  /** {@code P = (1/W) Σ_n w_n Σ_d (A_nd G_nd)²} with annotation {@code mask} (row-major). */
  static double penalty(ReferenceModel model, double[] theta, EnvironmentBatch b, float[] mask) {
    double[][] g = inputGradient(model, theta, ReferenceLosses.inputs(b));
    float[] w = b.weights();
    double total = 0;
    for (int r = 0; r < b.rows(); r++) {
      double row = 0;
      for (int d = 0; d < b.cols(); d++) {
        double v = mask[r * b.cols() + d] * g[r][d];
        row += v * v;
      }
      total += (w == null ? 1 : w[r]) * row;
    }
    return total / ReferenceLosses.weightSum(b);
  }

  /** {@code J_e = L_e + λ P_e}; batches without a mask have no penalty. */
  static double objective(ReferenceModel model, double[] theta, EnvironmentBatch b, double lambda) {
    double loss = ReferenceLosses.loss(model, theta, b);
    return b.mask() == null ? loss : loss + lambda * penalty(model, theta, b, b.mask());
  }

  static double[][] softmax(double[][] z) {
    double[][] p = new double[z.length][];
    for (int r = 0; r < z.length; r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (double v : z[r]) {
        max = Math.max(max, v);
      }
      double sum = 0;
      p[r] = new double[z[r].length];
      for (int c = 0; c < z[r].length; c++) {
        p[r][c] = Math.exp(z[r][c] - max);
        sum += p[r][c];
      }
      for (int c = 0; c < z[r].length; c++) {
        p[r][c] /= sum;
      }
    }
    return p;
  }
}
