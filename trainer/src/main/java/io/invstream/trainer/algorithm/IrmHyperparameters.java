package io.invstream.trainer.algorithm;

import io.invstream.trainer.hparam.Hyperparameters;

/**
 * IRMv1 hyperparameters; DomainBed's defaults ({@code irm_lambda}, {@code
 * irm_penalty_anneal_iters}).
 *
 * @param lambda penalty weight λ from update {@code penaltyAnnealIters} on, non-negative (100;
 *     DomainBed searches 10^U(−1, 5))
 * @param penaltyAnnealIters updates with penalty weight 1 before λ takes over, non-negative (500;
 *     searched 10^U(0, 4)); the optimiser is reset at the switch
 * @param estimator {@code split}: DomainBed's unbiased estimate {@code d(even rows)·d(odd rows)}
 *     of the squared dummy-scale gradient (the default); {@code squared}: the original paper's
 *     {@code d(all rows)²}, biased upwards by the gradient's sampling variance
 */
public record IrmHyperparameters(double lambda, int penaltyAnnealIters, String estimator)
    implements Hyperparameters {

  public static final IrmHyperparameters DEFAULTS = new IrmHyperparameters(100.0, 500, "split");

  /** Validates ranges and the estimator name. */
  public IrmHyperparameters {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("IRM lambda must be finite and non-negative, got " + lambda);
    }
    if (penaltyAnnealIters < 0) {
      throw new IllegalArgumentException("IRM penaltyAnnealIters must be non-negative, got " + penaltyAnnealIters);
    }
    DummyScaleEstimator.parse(estimator);
  }

  /** The estimator as an enum. */
  public DummyScaleEstimator dummyScaleEstimator() {
    return DummyScaleEstimator.parse(estimator);
  }

  PenaltySchedule schedule() {
    return new PenaltySchedule(1.0, lambda, penaltyAnnealIters);
  }
}
