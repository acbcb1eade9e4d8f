package io.invstream.trainer.algorithm;

import io.invstream.trainer.param.ParameterBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SAND-mask (Shahtalebi et al., "SAND-mask: An Enhanced Gradient Masking Strategy for the
 * Discovery of Invariances in Domain Generalization", 2021): a smooth AND-mask that also damps
 * components whose magnitude varies across environments. Per parameter tensor:
 *
 * <pre>
 *   v_j    = unbiased var_e(g_e,j)              (NaN, e.g. one environment → 1e-17)
 *   m_j    = max(tanh(k · (|mean_e sign(g_e,j)| − τ) / v_j), 0)   (NaN → 1e-17)
 *   update = m ⊙ mean_e g_e / (1e-10 + mean_j m_j)
 * </pre>
 *
 * <p>With the reference default τ = 1 the argument of tanh is never positive, so the mask (and the
 * update, apart from weight decay) is zero: a warning is logged when such an instance is built.
 *
 * <p>Reports {@code sandmask.mask}, the mean mask value over all entries.
 */
public final class SandMask implements InvariantAlgorithm {

  public static final String NAME = "sandmask";

  private static final Logger LOG = LoggerFactory.getLogger(SandMask.class);

  private final SandMaskHyperparameters hyperparameters;

  public SandMask(SandMaskHyperparameters hyperparameters) {
    this.hyperparameters = hyperparameters;
    if (hyperparameters.tau() >= 1.0) {
      LOG.warn(
          "SAND-mask with tau={} masks every gradient entry (tanh(k·(|mean sign| − 1)/var) ≤ 0), so"
              + " only weight decay will change the model. Pass a threshold below 1, e.g. --hp tau=0.5.",
          hyperparameters.tau());
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SandMaskHyperparameters hyperparameters() {
    return hyperparameters;
  }

  @Override
  public UpdateKind combine(BackwardPhase step, ParameterBlock update) {
    float tau = (float) hyperparameters.tau();
    float k = (float) hyperparameters.k();
    double maskSum = 0;
    for (int p = 0; p < update.layout().count(); p++) {
      maskSum += step.backend().sandMask(step.gradients().stacked(p), tau, k, update.tensor(p));
    }
    step.report(NAME + ".mask", maskSum / update.layout().totalSize());
    return UpdateKind.GRADIENT;
  }
}
