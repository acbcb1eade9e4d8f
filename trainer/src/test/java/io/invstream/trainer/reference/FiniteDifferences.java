package io.invstream.trainer.reference;

import java.util.function.ToDoubleFunction;

/** Central finite differences of a float64 function. */
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
}
