package io.invstream.trainer.algorithm;

import io.invstream.trainer.param.ParameterBlock;

/**
 * V-REx, variance risk extrapolation (Krueger et al., "Out-of-Distribution Generalization via
 * Risk Extrapolation", ICML 2021), as in DomainBed: penalise the variance of the environment risks.
 *
 * <pre>
 *   L̄ = mean_e L_e,   V = mean_e (L_e − L̄)²          (biased variance)
 *   J = L̄ + w · V,   w = 1 for the first penaltyAnnealIters updates, λ after
 *   ∇J = mean_e (1 + 2w (L_e − L̄)) ∇L_e             (the ∇L̄ terms cancel: Σ_e (L_e − L̄) = 0)
 * </pre>
 *
 * <p>So the hook only rescales each environment's {@code dL_e/dz} by {@code 1 + 2w(L_e − L̄)} and
 * the update is their mean: environments with above-average risk get more weight, below-average
 * ones less or negative. The optimiser is reset on the update where λ takes over.
 *
 * <p>Reports {@code vrex.variance} (V) and {@code vrex.weight} (w).
 */
public final class VRex implements InvariantAlgorithm {

  public static final String NAME = "vrex";

  private final VRexHyperparameters hyperparameters;
  private final PenaltySchedule schedule;

  public VRex(VRexHyperparameters hyperparameters) {
    this.hyperparameters = hyperparameters;
    this.schedule = hyperparameters.schedule();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public VRexHyperparameters hyperparameters() {
    return hyperparameters;
  }

  @Override
  public void adjustOutputGradients(ForwardPhase step) {
    double w = schedule.weightFor(step);
    int environments = step.environments();
    double mean = 0;
    for (int e = 0; e < environments; e++) {
      mean += step.environment(e).loss() / environments;
    }
    double variance = 0;
    for (int e = 0; e < environments; e++) {
      double deviation = step.environment(e).loss() - mean;
      variance += deviation * deviation / environments;
      step.backend().scale((float) (1 + 2 * w * deviation), step.environment(e).logitGradient());
    }
    step.report(NAME + ".variance", variance);
    step.report(NAME + ".weight", w);
  }

  @Override
  public UpdateKind combine(BackwardPhase step, ParameterBlock update) {
    GradientCombination.linear(step, GradientCombination.uniform(step), update);
    return UpdateKind.GRADIENT;
  }
}
