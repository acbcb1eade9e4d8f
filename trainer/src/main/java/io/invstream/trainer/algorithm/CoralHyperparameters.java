package io.invstream.trainer.algorithm;

import io.invstream.trainer.hparam.Hyperparameters;

/**
 * CORAL hyperparameters; DomainBed's default ({@code mmd_gamma}).
 *
 * @param gamma weight γ of the mean-and-covariance distance, non-negative (1; DomainBed searches
 *     10^U(−1, 1))
 */
public record CoralHyperparameters(double gamma) implements Hyperparameters {

  public static final CoralHyperparameters DEFAULTS = new CoralHyperparameters(1.0);

  /** Validates γ. */
  public CoralHyperparameters {
    if (!(gamma >= 0) || Double.isInfinite(gamma)) {
      throw new IllegalArgumentException("CORAL gamma must be finite and non-negative, got " + gamma);
    }
  }
}
