package io.invstream.trainer.algorithm;

import io.invstream.trainer.hparam.Hyperparameters;

/**
 * Fishr hyperparameters; DomainBed's defaults ({@code lambda}, {@code penalty_anneal_iters},
 * {@code ema}).
 *
 * @param lambda penalty weight from update {@code penaltyAnnealIters} on, non-negative (1000;
 *     DomainBed searches 10^U(1, 4))
 * @param penaltyAnnealIters updates with penalty weight 0 (plain pooled ERM) before λ takes over,
 *     non-negative (1500; searched U(0, 5000)); the optimiser is reset at the switch
 * @param ema decay of the per-environment moving average of gradient variances, in [0, 1) (0.95;
 *     searched U(0.9, 0.99)); 0 uses the current minibatch's variances only
 */
public record FishrHyperparameters(double lambda, int penaltyAnnealIters, double ema) implements Hyperparameters {

  public static final FishrHyperparameters DEFAULTS = new FishrHyperparameters(1000.0, 1500, 0.95);

  /** Validates ranges. */
  public FishrHyperparameters {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("Fishr lambda must be finite and non-negative, got " + lambda);
    }
    if (penaltyAnnealIters < 0) {
      throw new IllegalArgumentException("Fishr penaltyAnnealIters must be non-negative, got " + penaltyAnnealIters);
    }
    if (!(ema >= 0 && ema < 1)) {
      throw new IllegalArgumentException("Fishr ema must be in [0, 1), got " + ema);
    }
  }

  PenaltySchedule schedule() {
    return new PenaltySchedule(0.0, lambda, penaltyAnnealIters);
  }
}
