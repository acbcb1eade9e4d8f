package io.invstream.trainer.step;

import io.invstream.trainer.optim.GlobalNormClipping;
import java.util.Objects;

/**
 * Settings of the training loop itself (the model, optimiser and algorithm have their own).
 *
 * @param clipping gradient clipping by global norm, applied to the combined gradient
 */
public record TrainerConfig(GlobalNormClipping clipping) {

  /** No clipping. */
  public static final TrainerConfig DEFAULTS = new TrainerConfig(GlobalNormClipping.NONE);

  /** Requires a clipping setting. */
  public TrainerConfig {
    Objects.requireNonNull(clipping, "clipping");
  }
}
