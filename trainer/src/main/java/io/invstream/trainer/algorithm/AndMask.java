package io.invstream.trainer.algorithm;

import io.invstream.trainer.param.ParameterBlock;

/**
 * AND-mask (Parascandolo et al., "Learning explanations that are hard to vary", ICLR 2021): keep
 * only the gradient components on which the environments agree in sign. Per parameter tensor,
 * with {@code g_e = ∇θ L_e} and sign(0) = 0:
 *
 * <pre>
 *   m_j    = 1[ |mean_e sign(g_e,j)| ≥ τ ]
 *   update = m ⊙ mean_e g_e / (1e-10 + mean_j m_j)
 * </pre>
 *
 * <p>The rescale by the tensor's kept fraction is DomainBed's (always on there). Weight decay is
 * the optimiser's coupled L2, added after masking, so it still acts on masked weights. Exact zero
 * gradients (dead ReLUs) stay exact and count as disagreement. Each environment weighs the same
 * regardless of its size, as in the paper.
 *
 * <p>Variant {@code method=geom_mean} (the paper's code): kept entries take the geometric mean of
 * the environments' magnitudes with the sign of the arithmetic mean, same mask and rescale:
 *
 * <pre>
 *   update = m ⊙ sign(mean_e g_e) ⊙ exp(mean_e log(|g_e| + 1e-10)) / (1e-10 + mean_j m_j)
 * </pre>
 *
 * <p>The geometric mean is never larger than the arithmetic mean of the magnitudes and is pulled
 * towards zero by any environment with a small gradient: a component moves fast only if it is
 * large in every environment (the "following the geometric mean of environment Hessians"
 * intuition of the paper).
 *
 * <p>Reports {@code andmask.kept} (kept fraction of all entries) and {@code andmask.kept/<tensor>}.
 */
public final class AndMask implements InvariantAlgorithm {

  public static final String NAME = "andmask";

  private final AndMaskHyperparameters hyperparameters;

  public AndMask(AndMaskHyperparameters hyperparameters) {
    this.hyperparameters = hyperparameters;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public AndMaskHyperparameters hyperparameters() {
    return hyperparameters;
  }

  @Override
  public UpdateKind combine(BackwardPhase step, ParameterBlock update) {
    float tau = (float) hyperparameters.tau();
    long kept = 0;
    for (int p = 0; p < update.layout().count(); p++) {
      long k =
          hyperparameters.geometricMean()
              ? step.backend().andMaskGeometricMean(step.gradients().stacked(p), tau, update.tensor(p))
              : step.backend().andMask(step.gradients().stacked(p), tau, update.tensor(p));
      step.report(NAME + ".kept/" + update.layout().spec(p).name(), (double) k / update.tensor(p).size());
      kept += k;
    }
    step.report(NAME + ".kept", (double) kept / update.layout().totalSize());
    return UpdateKind.GRADIENT;
  }
}
