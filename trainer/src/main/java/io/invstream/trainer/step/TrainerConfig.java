package io.invstream.trainer.step;

import io.invstream.trainer.optim.GlobalNormClipping;
import java.util.Objects;

/**
 * Settings of the training loop itself (the model, optimiser and algorithm have their own).
 *
 * @param clipping gradient clipping by global norm, applied to the combined gradient
 * @param consistencyInterval measure the consistency metrics (sign agreement, gradient cosines)
 *     on every n-th step; 1 = every step. They cost one pass over the per-environment gradients
 *     (about 15 % of an MLP step on the CPU); on other steps the report's consistency map holds
 *     only the loss statistics and its cosine list is empty. Non-finite updates are caught on
 *     every step regardless.
 */
public record TrainerConfig(GlobalNormClipping clipping, int consistencyInterval) {

  /** No clipping, metrics on every step. */
  public static final TrainerConfig DEFAULTS = new TrainerConfig(GlobalNormClipping.NONE, 1);

  /** Validates. */
  public TrainerConfig {
    Objects.requireNonNull(clipping, "clipping");
    if (consistencyInterval < 1) {
      throw new IllegalArgumentException("consistencyInterval must be at least 1, got " + consistencyInterval);
    }
  }

  /** The given clipping, metrics on every step. */
  public TrainerConfig(GlobalNormClipping clipping) {
    this(clipping, 1);
  }
}
