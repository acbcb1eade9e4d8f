package io.invstream.trainer.algorithm;

import io.invstream.trainer.model.BatchLayout;
import io.invstream.trainer.tensor.RowBuffer;
import io.invstream.trainer.tensor.Shape;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.List;

/**
 * CORAL's penalty on the backend (see {@link Coral} for the formulas): per environment the
 * feature mean and covariance by GEMM, their mean-square deviations from the means over
 * environments, and the penalty's gradient on the features. Per step: {@link #begin}, {@link
 * #moments} for every environment, {@link #centreAndMeasure}, then {@link #addPenaltyGradient}
 * for every environment. Working tensors are allocated on the first step (and for more
 * environments when a batch has more).
 */
final class FeatureMomentDistance {

  private final TensorBackend backend;
  private final SegmentScratch scratch;
  private final int features;
  private final RowBuffer centredFeatures;
  private final List<Tensor> means = new ArrayList<>();
  private final List<Tensor> covariances = new ArrayList<>();
  private final Tensor meanOfMeans;
  private final Tensor meanOfCovariances;
  private final Tensor shift;

  FeatureMomentDistance(TensorBackend backend, int features) {
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

  /** Sizes the per-example buffers for this step's batch. */
  void begin(BatchLayout layout) {
    scratch.begin(layout);
  }
}
