package io.invstream.trainer.algorithm;

import io.invstream.trainer.param.ParameterBlock;
import java.util.Arrays;

/** Linear reductions of per-environment gradients that several algorithms share. */
public final class GradientCombination {

  private GradientCombination() {}

  /**
   * {@code update = Σ_e c_e · g_e}, one kernel call per parameter tensor.
   *
   * @param coefficients one per environment
   */
  public static void linear(BackwardPhase step, double[] coefficients, ParameterBlock update) {
    for (int p = 0; p < update.layout().count(); p++) {
      step.backend().linearCombination(coefficients, step.gradients().stacked(p), update.tensor(p));
    }
  }

  /**
   * {@code c_e = W_e / Σ W}: the weights that turn per-environment mean losses into the loss of
   * the pooled batch (ERM); {@code n_e / N} without example weights.
   */
  public static double[] pooled(ForwardPhase step) {
    double[] c = new double[step.environments()];
    double total = 0;
    for (int e = 0; e < c.length; e++) {
      c[e] = step.environment(e).weightSum();
      total += c[e];
    }
    for (int e = 0; e < c.length; e++) {
      c[e] /= total;
    }
    return c;
  }

  /** {@code c_e = 1/E}: the mean over environments. */
  public static double[] uniform(ForwardPhase step) {
    double[] c = new double[step.environments()];
    Arrays.fill(c, 1.0 / c.length);
    return c;
  }
}
