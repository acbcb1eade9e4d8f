package io.invstream.trainer.algorithm;

import io.invstream.trainer.param.ParameterBlock;

/**
 * Deep CORAL (Sun and Saenko, "Deep CORAL: Correlation Alignment for Deep Domain Adaptation",
 * 2016) as DomainBed's {@code CORAL}: align the first two moments of the penultimate features
 * across environments.
 *
 * <pre>
 *   μ_e = mean_n h_n,   C_e = (H_e − 1μ_eᵀ)ᵀ (H_e − 1μ_eᵀ) / (n_e − 1)
 *   mmd(a, b) = mean_k (μ_a − μ_b)_k² + mean_kl (C_a − C_b)_kl²
 *   P = mean over the E(E−1)/2 pairs a < b of mmd(a, b)          (0 with one environment)
 *   J = mean_e L_e + γ·P
 * </pre>
 *
 * <p>The pairwise sum is computed through the centroid identity {@code Σ_{a<b} ‖x_a − x_b‖² =
 * E·Σ_a ‖x_a − x̄‖²}, so {@code P = 2/(E−1)·[Σ_e ‖μ_e − μ̄‖²/d + Σ_e ‖C_e − C̄‖²/d²]} and
 *
 * <pre>
 *   ∂P/∂H_e = 4/((E−1)·d·n_e) · 1(μ_e − μ̄)ᵀ + 8/((E−1)·d²·(n_e − 1)) · (H_e − 1μ_eᵀ)(C_e − C̄)
 * </pre>
 *
 * <p>(the centring's own derivative vanishes because centred columns sum to zero). The hook adds
 * {@code E·γ·∂P/∂H_e} to environment e's feature gradient and the update is the mean over
 * environments, which is exactly {@code ∇J}. Example weights weight {@code L_e} only; the moments
 * describe the features as sampled. An environment needs two examples for a covariance.
 *
 * <p>Reports {@code coral.penalty} (P).
 */
public final class Coral implements InvariantAlgorithm {

  public static final String NAME = "coral";

  private final CoralHyperparameters hyperparameters;
  private FeatureMomentDistance distance;

  public Coral(CoralHyperparameters hyperparameters) {
    this.hyperparameters = hyperparameters;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CoralHyperparameters hyperparameters() {
    return hyperparameters;
  }

  @Override
  public void adjustOutputGradients(ForwardPhase step) {
    int environments = step.environments();
    if (environments < 2) {
      step.report(NAME + ".penalty", 0.0);
      return;
    }
    if (distance == null) {
      distance = new FeatureMomentDistance(step.backend(), step.model().featureSize());
    }
    distance.begin(step.tape().layout());
    for (int e = 0; e < environments; e++) {
      distance.moments(step.environment(e));
    }
    double penalty = distance.centreAndMeasure(environments);
    step.report(NAME + ".penalty", penalty);
    if (hyperparameters.gamma() != 0) {
      for (int e = 0; e < environments; e++) {
        distance.addPenaltyGradient(step.environment(e), environments, environments * hyperparameters.gamma());
      }
    }
  }

  @Override
  public UpdateKind combine(BackwardPhase step, ParameterBlock update) {
    GradientCombination.linear(step, GradientCombination.uniform(step), update);
    return UpdateKind.GRADIENT;
  }
}
