package io.invstream.trainer.algorithm;

import io.invstream.trainer.hparam.Hyperparameters;

/**
 * @param lambda λ1 of the RRR penalty (see {@link RrrHyperparameters#lambda()}); default 1000 as
 *     dtak/rrr's find-another-explanation runs (they tried 1000, 10⁴, 10⁵ on raw pixels)
 * @param members M, how many models to train in turn, at least 1; default 3 (the first model plus
 *     two more explanations; dtak/rrr trained up to 7 on Decoy MNIST)
 * @param updatesPerMember N, applied updates each member trains before the next one starts;
 *     default 15000, dtak/rrr's budget per model (64 epochs of 235 batches of 256 examples)
 * @param cutoff c in (0, 1): a feature of an example is marked for later members where a finished
 *     member's {@code |G| > c · max_d |G|}; default 0.67 (dtak/rrr's {@code largest_gradient_mask})
 */
public record RrrEnsembleHyperparameters(double lambda, int members, long updatesPerMember, double cutoff)
    implements Hyperparameters {

  public static final RrrEnsembleHyperparameters DEFAULTS = new RrrEnsembleHyperparameters(1000, 3, 15000, 0.67);

  /** Validates ranges. */
  public RrrEnsembleHyperparameters {
    new RrrHyperparameters(lambda);
    if (members < 1) {
      throw new IllegalArgumentException("rrr-ensemble needs at least 1 member, got " + members);
    }
    if (updatesPerMember < 1) {
      throw new IllegalArgumentException("rrr-ensemble updatesPerMember must be positive, got " + updatesPerMember);
    }
    if (!(cutoff > 0 && cutoff < 1)) {
      throw new IllegalArgumentException("rrr-ensemble cutoff must be in (0, 1), got " + cutoff);
    }
  }
}
