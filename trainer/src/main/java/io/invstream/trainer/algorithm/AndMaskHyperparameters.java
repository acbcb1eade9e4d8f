package io.invstream.trainer.algorithm;

import io.invstream.trainer.hparam.Hyperparameters;

/**
 * @param tau agreement threshold τ in [0, 1]: an entry is kept when {@code |mean_e sign(g_e)| ≥
 *     τ}; 1 keeps only entries where every environment's gradient has the same non-zero sign
 *     (the paper's and DomainBed's default; their searches draw τ from U(0.5, 1))
 * @param method how kept entries are combined: {@value #AND_MASK} (default) takes the arithmetic
 *     mean {@code mean_e g_e}; {@value #GEOMETRIC_MEAN} takes {@code sign(mean_e g_e) ·
 *     exp(mean_e log(|g_e| + 1e-10))}, the geometric mean of the magnitudes (the names are those
 *     of the paper's code)
 */
public record AndMaskHyperparameters(double tau, String method) implements Hyperparameters {

  /** Masked arithmetic mean of the environment gradients. */
  public static final String AND_MASK = "and_mask";

  /** Masked geometric mean of the gradient magnitudes, signed like the arithmetic mean. */
  public static final String GEOMETRIC_MEAN = "geom_mean";

  public static final AndMaskHyperparameters DEFAULTS = new AndMaskHyperparameters(1.0, AND_MASK);

  /** Validates τ and the method. */
  public AndMaskHyperparameters {
    if (!(tau >= 0 && tau <= 1)) {
      throw new IllegalArgumentException("AND-mask tau must be in [0, 1], got " + tau);
    }
    if (!AND_MASK.equals(method) && !GEOMETRIC_MEAN.equals(method)) {
      throw new IllegalArgumentException(
          "AND-mask method must be " + AND_MASK + " or " + GEOMETRIC_MEAN + ", got " + method);
    }
  }

  /** The arithmetic-mean AND-mask with threshold τ. */
  public AndMaskHyperparameters(double tau) {
    this(tau, AND_MASK);
  }

  /** Whether kept entries take the geometric mean of the magnitudes. */
  public boolean geometricMean() {
    return GEOMETRIC_MEAN.equals(method);
  }
}
