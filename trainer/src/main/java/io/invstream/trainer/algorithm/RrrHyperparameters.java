package io.invstream.trainer.algorithm;

import io.invstream.trainer.hparam.Hyperparameters;

/**
 * @param lambda λ1, the weight of the input-gradient penalty, non-negative. The default 1000 is
 *     Ross et al.'s for Decoy MNIST with raw 0–255 pixels. The penalty is quadratic in {@code
 *     ∂/∂x}, so scaling the inputs by s (x' = s·x) scales it by 1/s²: keep the same strength with
 *     {@code λ1' = λ1 · s²}, e.g. {@code 1000 / 255² ≈ 0.0154} for pixels in [0, 1]. The paper's
 *     λ2 ‖θ‖² is the optimiser's weight decay (see {@link Rrr}).
 */
public record RrrHyperparameters(double lambda) implements Hyperparameters {

  /** λ1 = 1000, the Decoy MNIST setting for raw 0–255 pixels (dtak/rrr). */
  public static final RrrHyperparameters DEFAULTS = new RrrHyperparameters(1000);

  /** Validates λ1. */
  public RrrHyperparameters {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("RRR lambda must be finite and non-negative, got " + lambda);
    }
  }
}
