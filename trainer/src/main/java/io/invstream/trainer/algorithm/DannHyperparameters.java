package io.invstream.trainer.algorithm;

import io.invstream.trainer.hparam.Hyperparameters;

/**
 * DANN hyperparameters; DomainBed's defaults for its small-image datasets ({@code lambda}, {@code
 * d_steps_per_g_step}, {@code lr_d}, {@code weight_decay_d}, {@code beta1}, {@code mlp_width},
 * {@code mlp_depth}). DomainBed's {@code grad_penalty} (default 0) and {@code mlp_dropout}
 * (default 0) are not offered: at their defaults they do nothing.
 *
 * @param lambda weight λ of the reversed discriminator loss in the generator's objective,
 *     non-negative (1.0; DomainBed searches 10^U(−2, 2))
 * @param dStepsPerGStep discriminator-only updates per generator update, at least 1 (1; searched
 *     int(2^U(0, 3)))
 * @param lrD the discriminator's Adam learning rate, positive (1e-3, DomainBed's value for small
 *     images; 5e-5 for its large-image datasets)
 * @param weightDecayD the discriminator's coupled L2, non-negative (0)
 * @param beta1 the discriminator's Adam β1 in [0, 1) (0.5; β2 is DomainBed's fixed 0.9)
 * @param mlpWidth width of the discriminator's hidden layers, positive (256)
 * @param mlpDepth the discriminator's number of linear layers, at least 2 (3: two hidden layers)
 * @param environmentSlots outputs of the discriminator, one per environment name it can tell
 *     apart; 0 (default) sizes it to the environments of the first batch (at least 2). A stream
 *     that will later bring more environments needs a larger value
 */
public record DannHyperparameters(
    double lambda,
    int dStepsPerGStep,
    double lrD,
    double weightDecayD,
    double beta1,
    int mlpWidth,
    int mlpDepth,
    int environmentSlots)
    implements Hyperparameters {

  public static final DannHyperparameters DEFAULTS = new DannHyperparameters(1.0, 1, 1e-3, 0.0, 0.5, 256, 3, 0);

  /** Validates ranges. */
  public DannHyperparameters {
    require(lambda >= 0 && !Double.isInfinite(lambda), "lambda must be finite and non-negative", lambda);
    require(dStepsPerGStep >= 1, "dStepsPerGStep must be at least 1", dStepsPerGStep);
    require(lrD > 0 && !Double.isInfinite(lrD), "lrD must be positive", lrD);
    require(weightDecayD >= 0 && !Double.isInfinite(weightDecayD), "weightDecayD must be non-negative", weightDecayD);
    require(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1)", beta1);
    require(mlpWidth >= 1, "mlpWidth must be positive", mlpWidth);
    require(mlpDepth >= 2, "mlpDepth must be at least 2 (input and output layer)", mlpDepth);
    require(environmentSlots == 0 || environmentSlots >= 2, "environmentSlots must be 0 (automatic) or at least 2", environmentSlots);
  }

  /**
   * Whether the update after {@code updateCount} applied ones trains the discriminator (DomainBed:
   * with its counter c = updateCount + 1, when {@code c mod (1 + dStepsPerGStep) < dStepsPerGStep});
   * the first update is a generator update.
   */
  public boolean discriminatorStep(long updateCount) {
    return (updateCount + 1) % (1 + dStepsPerGStep) < dStepsPerGStep;
  }

  private static void require(boolean ok, String what, Object value) {
    if (!ok) {
      throw new IllegalArgumentException("DANN " + what + ", got " + value);
    }
  }
}
