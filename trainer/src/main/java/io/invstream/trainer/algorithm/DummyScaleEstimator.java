package io.invstream.trainer.algorithm;

import java.util.Arrays;

/**
 * How IRMv1 estimates {@code (∂L_e/∂s)²} from one environment's minibatch, where {@code d_S =
 * Σ_{n∈S} w_n r_n / Σ_{n∈S} w_n} is the dummy-scale gradient over the rows S and {@code r_n =
 * Σ_k (p_nk − y_nk) z_nk} is one example's share (w_n = 1 without example weights).
 *
 * <p>Host-side arithmetic in double on the n per-example values; the per-row results are the
 * coefficients {@code ∂penalty/∂r_n} that scale {@code ∂r_n/∂z_n} on the backend.
 */
public enum DummyScaleEstimator {
  /**
   * DomainBed's {@code d(rows 0, 2, 4, …) · d(rows 1, 3, 5, …)}: unbiased for the square of the
   * population gradient because the halves are independent; can be negative. Needs two rows.
   */
  SPLIT("split") {
    @Override
    double penalty(float[] r, float[] weights, int n, double[] coefficients) {
      double[] sums = new double[2];
      double[] totals = new double[2];
      for (int i = 0; i < n; i++) {
        double w = weight(weights, i);
        sums[i % 2] += w * r[i];
        totals[i % 2] += w;
      }
      double even = sums[0] / totals[0];
      double odd = sums[1] / totals[1];
      for (int i = 0; i < n; i++) {
        coefficients[i] = weight(weights, i) * (i % 2 == 0 ? odd / totals[0] : even / totals[1]);
      }
      return even * odd;
    }
  },
  /** The paper's {@code d(all rows)²}. */
  SQUARED("squared") {
    @Override
    double penalty(float[] r, float[] weights, int n, double[] coefficients) {
      double sum = 0;
      double total = 0;
      for (int i = 0; i < n; i++) {
        sum += weight(weights, i) * r[i];
        total += weight(weights, i);
      }
      double d = sum / total;
      for (int i = 0; i < n; i++) {
        coefficients[i] = 2 * d * weight(weights, i) / total;
      }
      return d * d;
    }
  };

  private final String key;

  DummyScaleEstimator(String key) {
    this.key = key;
  }

  /** The {@code --hp estimator=} value. */
  public String key() {
    return key;
  }

  /**
   * The penalty of one environment and, in {@code coefficients[0..n)}, its derivative with
   * respect to each {@code r_n}.
   *
   * @param weights example weights, or {@code null} for all ones
   */
  abstract double penalty(float[] r, float[] weights, int n, double[] coefficients);

  /** Fewest rows an environment needs. */
  int minimumRows() {
    return this == SPLIT ? 2 : 1;
  }

  private static double weight(float[] weights, int i) {
    return weights == null ? 1.0 : weights[i];
  }

  static DummyScaleEstimator parse(String key) {
    for (DummyScaleEstimator e : values()) {
      if (e.key.equals(key)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "IRM estimator must be one of " + Arrays.stream(values()).map(DummyScaleEstimator::key).toList() + ", got '" + key + "'");
  }
}
