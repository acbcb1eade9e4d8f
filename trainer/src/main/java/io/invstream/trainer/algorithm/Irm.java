package io.invstream.trainer.algorithm;

import io.invstream.trainer.param.ParameterBlock;

/**
 * IRMv1 (Arjovsky et al., "Invariant Risk Minimization", 2019) as DomainBed implements it:
 * penalise the gradient of each environment's risk with respect to a dummy scale s = 1 on the
 * logits, which is zero exactly when the classifier on top of the features is optimal for every
 * environment at once.
 *
 * <pre>
 *   r_n        = ∂/∂s CE(s·z_n, y_n) |s=1 = Σ_k (p_nk − y_nk) z_nk
 *   d_S        = Σ_{n∈S} w_n r_n / Σ_{n∈S} w_n                    (S a set of rows of environment e)
 *   penalty_e  = d_even · d_odd          (estimator split, default; rows 0,2,4… and 1,3,5…)
 *              = d_all²                  (estimator squared, the paper's form)
 *   J          = mean_e L_e + w · mean_e penalty_e,   w = 1 for the first penaltyAnnealIters updates, λ after
 * </pre>
 *
 * <p>No double backprop: r_n is an explicit function of the logits, with {@code ∂r_n/∂z_n = (p_n
 * − y_n) + p_n ⊙ (z_n − ⟨p_n, z_n⟩)}, so the hook adds {@code w · (∂penalty_e/∂r_n) · ∂r_n/∂z_n}
 * to each environment's {@code dL_e/dz} and the update is the mean over environments of the
 * resulting gradients. The optimiser is reset on the update where λ takes over (DomainBed
 * recreates Adam there). Example weights weight {@code d_S} as they weight {@code L_e}; a half
 * with zero total weight makes the step non-finite, and so rejected.
 *
 * <p>Reports {@code irm.penalty} (mean_e penalty_e, before the weight) and {@code irm.weight} (w).
 */
public final class Irm implements InvariantAlgorithm {

  public static final String NAME = "irm";

  private final IrmHyperparameters hyperparameters;
  private final PenaltySchedule schedule;
  private final DummyScaleEstimator estimator;
  private DummyScalePenalty penalty;

  public Irm(IrmHyperparameters hyperparameters) {
    this.hyperparameters = hyperparameters;
    this.schedule = hyperparameters.schedule();
    this.estimator = hyperparameters.dummyScaleEstimator();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public IrmHyperparameters hyperparameters() {
    return hyperparameters;
  }

  @Override
  public void adjustOutputGradients(ForwardPhase step) {
    double w = schedule.weightFor(step);
    for (int e = 0; e < step.environments(); e++) {
      requireRows(step.environment(e));
    }
    if (penalty == null) {
      penalty = new DummyScalePenalty(step.backend(), step.model().classes());
    }
    penalty.begin(step.tape().layout());
    double sum = 0;
    for (int e = 0; e < step.environments(); e++) {
      sum += penalty.addGradient(step.environment(e), estimator, w);
    }
    step.report(NAME + ".penalty", sum / step.environments());
    step.report(NAME + ".weight", w);
  }

  @Override
  public UpdateKind combine(BackwardPhase step, ParameterBlock update) {
    GradientCombination.linear(step, GradientCombination.uniform(step), update);
    return UpdateKind.GRADIENT;
  }

  /** Refuses, before any gradient is touched, an environment the estimator cannot use. */
  private void requireRows(EnvironmentOutputs env) {
    if (env.rows() < estimator.minimumRows()) {
      throw new IllegalArgumentException(
          "IRM's " + estimator.key() + " penalty estimator needs at least " + estimator.minimumRows()
              + " examples per environment, but environment '" + env.name() + "' has " + env.rows()
              + "; send larger batches or use --hp estimator=squared");
    }
  }
}
