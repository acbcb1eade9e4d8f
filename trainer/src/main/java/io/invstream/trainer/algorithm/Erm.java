package io.invstream.trainer.algorithm;

import io.invstream.trainer.param.ParameterBlock;

/**
 * Empirical risk minimisation (Vapnik 1998): minimise the cross-entropy of the pooled batch,
 *
 * <pre>
 *   L(θ) = Σ_e (W_e / W) · L_e(θ),   update = Σ_e (W_e / W) · ∇θ L_e
 * </pre>
 *
 * <p>with {@code W_e} the example-weight total of environment e ({@code n_e} without weights), so
 * environments count in proportion to their examples, as pooling them into one minibatch does.
 * The per-environment gradients are still computed separately (one backward pass, one gradient
 * per segment), which is what the step's consistency metrics read.
 */
public final class Erm implements InvariantAlgorithm {

  public static final String NAME = "erm";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ErmHyperparameters hyperparameters() {
    return ErmHyperparameters.DEFAULTS;
  }

  @Override
  public UpdateKind combine(BackwardPhase step, ParameterBlock update) {
    GradientCombination.linear(step, GradientCombination.pooled(step), update);
    return UpdateKind.GRADIENT;
  }
}
