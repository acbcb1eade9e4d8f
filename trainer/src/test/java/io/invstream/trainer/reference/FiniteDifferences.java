package io.invstream.trainer.reference;

import java.util.function.ToDoubleFunction;

/**
 * Central finite differences of a float64 function: second order with step 1e-6 (about 1e-9
 * absolute for functions of order one), and a fourth-order stencil for comparisons at 1e-6
 * relative.
 */
public final class FiniteDifferences {

  private static final double STEP = 1e-6;

  private FiniteDifferences() {}

  /** The gradient of {@code f} at {@code x}, entry by entry. */
  public static double[] gradient(ToDoubleFunction<double[]> f, double[] x) {
    double[] g = new double[x.length];
    double[] probe = x.clone();
    for (int i = 0; i < x.length; i++) {
      probe[i] = x[i] + STEP;
      double up = f.applyAsDouble(probe);
      probe[i] = x[i] - STEP;
      double down = f.applyAsDouble(probe);
      probe[i] = x[i];
      g[i] = (up - down) / (2 * STEP);
    }
    return g;
  }

  /**
   * The gradient by the fourth-order stencil {@code (8(f(x+h) − f(x−h)) − (f(x+2h) − f(x−2h))) /
   * 12h}: truncation error O(h⁴) and rounding error about {@code ε·|f|/h}, so with h = 1e-4 both
   * stay near 1e-11 for smooth functions of moderate size. The function must be smooth within
   * {@code 2h} of x (no ReLU kink: fixtures keep pre-activations away from zero).
   */
  public static double[] gradientFourthOrder(ToDoubleFunction<double[]> f, double[] x, double h) {
    double[] g = new double[x.length];
    double[] probe = x.clone();
    for (int i = 0; i < x.length; i++) {
      double[] values = new double[4];
      double[] offsets = {2 * h, h, -h, -2 * h};
      for (int s = 0; s < 4; s++) {
        probe[i] = x[i] + offsets[s];
        values[s] = f.applyAsDouble(probe);
      }
      probe[i] = x[i];
      // Differences first: a function that does not depend on x[i] (a dead ReLU) gives exactly 0.
      g[i] = (8 * (values[1] - values[2]) - (values[0] - values[3])) / (12 * h);
    }
    return g;
  }
}
