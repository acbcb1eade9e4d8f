package io.invstream.trainer.algorithm;

import io.invstream.trainer.hparam.Hyperparameters;

/**
 * @param tau agreement threshold τ in [0, 1]; the reference default 1 makes the mask zero
 *     everywhere (see {@link SandMask}); useful values are below 1 (searched over U(0, 1))
 * @param k steepness of the tanh, positive (searched over 10^U(−3, 5))
 */
public record SandMaskHyperparameters(double tau, double k) implements Hyperparameters {

  /** The reference defaults τ = 1, k = 10 (DomainBed / Shahtalebi et al.). */
  public static final SandMaskHyperparameters DEFAULTS = new SandMaskHyperparameters(1.0, 10.0);

  /** Validates ranges. */
  public SandMaskHyperparameters {
    if (!(tau >= 0 && tau <= 1)) {
      throw new IllegalArgumentException("SAND-mask tau must be in [0, 1], got " + tau);
    }
    if (!(k > 0) || Double.isInfinite(k)) {
      throw new IllegalArgumentException("SAND-mask k must be positive and finite, got " + k);
    }
  }
}
