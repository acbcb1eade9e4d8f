package io.invstream.trainer.algorithm;

import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.tensor.RowBuffer;
import io.invstream.trainer.tensor.Shape;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.List;

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
  private Buffers buffers;

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
    if (buffers == null) {
      buffers = new Buffers(step.backend(), step.model().featureSize());
    }
    buffers.scratch.begin(step.tape().layout());
    for (int e = 0; e < environments; e++) {
      buffers.moments(step.environment(e));
    }
    double penalty = buffers.centreAndMeasure(environments);
    step.report(NAME + ".penalty", penalty);
    if (hyperparameters.gamma() != 0) {
      for (int e = 0; e < environments; e++) {
        buffers.addPenaltyGradient(step.environment(e), environments, environments * hyperparameters.gamma());
      }
    }
  }

  @Override
  public UpdateKind combine(BackwardPhase step, ParameterBlock update) {
    GradientCombination.linear(step, GradientCombination.uniform(step), update);
    return UpdateKind.GRADIENT;
  }

  /** Per-environment moments and working tensors, allocated on the first step. */
  private static final class Buffers {
    final TensorBackend backend;
    final SegmentScratch scratch;
    final int features;
    final RowBuffer centredFeatures;
    final List<Tensor> means = new ArrayList<>();
    final List<Tensor> covariances = new ArrayList<>();
    final Tensor meanOfMeans;
    final Tensor meanOfCovariances;
    final Tensor shift;

    Buffers(TensorBackend backend, int features) {
      this.backend = backend;
      this.scratch = new SegmentScratch(backend);
      this.features = features;
      this.centredFeatures = scratch.matrix(features);
      this.meanOfMeans = backend.allocate(Shape.of(features));
      this.meanOfCovariances = backend.allocate(Shape.of(features, features));
      this.shift = backend.allocate(Shape.of(features));
    }

    /** μ_e, the centred features and C_e of one environment. */
    void moments(EnvironmentOutputs env) {
      int e = env.index();
      int n = env.rows();
      if (n < 2) {
        throw new IllegalArgumentException(
            "CORAL needs at least 2 examples per environment for a covariance, but environment '"
                + env.name() + "' has " + n + "; send larger batches");
      }
      while (means.size() <= e) {
        means.add(backend.allocate(Shape.of(features)));
        covariances.add(backend.allocate(Shape.of(features, features)));
      }
      Tensor mean = means.get(e);
      backend.columnSums(env.features(), 0f, mean);
      backend.scale(1f / n, mean);
      Tensor centred = scratch.segment(centredFeatures, e);
      backend.copy(env.features(), centred);
      backend.copy(mean, shift);
      backend.scale(-1f, shift);
      backend.addBias(centred, shift, false);
      backend.gemm(true, false, 1f / (n - 1), centred, centred, 0f, covariances.get(e));
    }

    /** Replaces μ_e and C_e by their deviations from the means over environments; returns P. */
    double centreAndMeasure(int environments) {
      backend.fill(meanOfMeans, 0f);
      backend.fill(meanOfCovariances, 0f);
      for (int e = 0; e < environments; e++) {
        backend.axpy(1f / environments, means.get(e), meanOfMeans);
        backend.axpy(1f / environments, covariances.get(e), meanOfCovariances);
      }
      double meanTerm = 0;
      double covarianceTerm = 0;
      for (int e = 0; e < environments; e++) {
        backend.axpy(-1f, meanOfMeans, means.get(e));
        backend.axpy(-1f, meanOfCovariances, covariances.get(e));
        meanTerm += backend.sumOfSquares(means.get(e));
        covarianceTerm += backend.sumOfSquares(covariances.get(e));
      }
      double d = features;
      return 2.0 / (environments - 1) * (meanTerm / d + covarianceTerm / (d * d));
    }

    /** Adds {@code scale·∂P/∂H_e} to the environment's feature gradient. */
    void addPenaltyGradient(EnvironmentOutputs env, int environments, double scale) {
      int e = env.index();
      int n = env.rows();
      double d = features;
      Tensor gradient = env.featureGradient();
      double covarianceScale = scale * 8 / ((environments - 1) * d * d * (n - 1));
      backend.gemm(false, false, (float) covarianceScale, scratch.segment(centredFeatures, e), covariances.get(e), 1f, gradient);
      Tensor meanDeviation = means.get(e);
      backend.scale((float) (scale * 4 / ((environments - 1) * d * n)), meanDeviation);
      backend.addBias(gradient, meanDeviation, false);
    }
  }
}
