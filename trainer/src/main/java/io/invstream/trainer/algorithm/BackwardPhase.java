package io.invstream.trainer.algorithm;

import io.invstream.trainer.param.GradientStack;
import io.invstream.trainer.param.ParameterBlock;

/** What an algorithm sees after the backward pass: everything of the forward phase plus gradients. */
public interface BackwardPhase extends ForwardPhase {

  /**
   * Per-environment parameter gradients: {@code environment(e)} is {@code dJ_e/dθ} for the
   * output gradients as the forward hook left them; {@code stacked(p)} is {@code [E, n_p]}.
   */
  GradientStack gradients();

  /** Shorthand for {@code gradients().environment(e)}. */
  default ParameterBlock gradient(int e) {
    return gradients().environment(e);
  }
}
