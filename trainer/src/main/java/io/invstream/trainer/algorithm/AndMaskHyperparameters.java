package io.invstream.trainer.algorithm;

import io.invstream.trainer.hparam.Hyperparameters;

/**
 * @param tau agreement threshold τ in [0, 1]: an entry is kept when {@code |mean_e sign(g_e)| ≥
 *     τ}; 1 keeps only entries where every environment's gradient has the same non-zero sign
 *     (the paper's and DomainBed's default; their searches draw τ from U(0.5, 1))
 */
public record AndMaskHyperparameters(double tau) implements Hyperparameters {

  public static final AndMaskHyperparameters DEFAULTS = new AndMaskHyperparameters(1.0);

  /** Validates τ. */
  public AndMaskHyperparameters {
    if (!(tau >= 0 && tau <= 1)) {
      throw new IllegalArgumentException("AND-mask tau must be in [0, 1], got " + tau);
    }
  }
}
