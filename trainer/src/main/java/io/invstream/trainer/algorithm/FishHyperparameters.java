package io.invstream.trainer.algorithm;

import io.invstream.trainer.hparam.Hyperparameters;

/**
 * @param metaLearningRate ε of the meta step {@code θ ← θ + ε (θ_inner − θ)}, in (0, 1]; DomainBed's
 *     {@code meta_lr} default 0.5 (searched over {0.05, 0.1, 0.5}). The inner steps use the
 *     trainer's optimiser settings (learning rate, weight decay).
 */
public record FishHyperparameters(double metaLearningRate) implements Hyperparameters {

  /** DomainBed's default meta learning rate 0.5. */
  public static final FishHyperparameters DEFAULTS = new FishHyperparameters(0.5);

  /** Validates the meta learning rate. */
  public FishHyperparameters {
    if (!(metaLearningRate > 0 && metaLearningRate <= 1)) {
      throw new IllegalArgumentException(
          "Fish metaLearningRate must be in (0, 1] (a fraction of the inner trajectory), got " + metaLearningRate);
    }
  }
}
