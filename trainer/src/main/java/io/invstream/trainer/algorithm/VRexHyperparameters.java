package io.invstream.trainer.algorithm;

import io.invstream.trainer.hparam.Hyperparameters;

/**
 * V-REx hyperparameters; DomainBed's defaults ({@code vrex_lambda}, {@code
 * vrex_penalty_anneal_iters}).
 *
 * @param lambda weight of the risk variance from update {@code penaltyAnnealIters} on,
 *     non-negative (10; DomainBed searches 10^U(−1, 5))
 * @param penaltyAnnealIters updates with weight 1 before λ takes over, non-negative (500); the
 *     optimiser is reset at the switch
 */
public record VRexHyperparameters(double lambda, int penaltyAnnealIters) implements Hyperparameters {

  public static final VRexHyperparameters DEFAULTS = new VRexHyperparameters(10.0, 500);

  /** Validates ranges. */
  public VRexHyperparameters {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("V-REx lambda must be finite and non-negative, got " + lambda);
    }
    if (penaltyAnnealIters < 0) {
      throw new IllegalArgumentException("V-REx penaltyAnnealIters must be non-negative, got " + penaltyAnnealIters);
    }
  }

  PenaltySchedule schedule() {
    return new PenaltySchedule(1.0, lambda, penaltyAnnealIters);
  }
}
