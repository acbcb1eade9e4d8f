package io.invstream.trainer.algorithm;

import io.invstream.trainer.tensor.RowBuffer;
import io.invstream.trainer.tensor.Shape;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;

/**
 * Exact first-order derivatives of a linear function of the per-example gradient variances of a
 * linear classifier layer, with respect to the errors and the features that produced them.
 *
 * <p>For one environment with errors {@code E [n, K]} (rows {@code e_n = p_n − y_n}) and features
 * {@code H [n, d]}, the classifier's per-example gradients are {@code g_W,n = e_n h_nᵀ} and {@code
 * g_b,n = e_n}; their variances over the n examples (see {@link
 * TensorBackend#classifierGradientVariance}) are
 *
 * <pre>
 *   v_W[c, j] = (1/n) Σ_n (E_nc H_nj)² − M[c, j]²,   M = EᵀH / n
 *   v_b[c]    = (1/n) Σ_n (E_nc − ē_c)²,               ē = column means of E
 * </pre>
 *
 * <p>For coefficients {@code A [K, d]}, {@code a [K]} (the penalty's derivative with respect to
 * {@code v_W}, {@code v_b}), differentiating {@code Φ = ⟨A, v_W⟩ + ⟨a, v_b⟩} term by term gives
 *
 * <pre>
 *   ∂Φ/∂E = (2/n) [ E ⊙ ((H ⊙ H) Aᵀ + 1 aᵀ) − H (A ⊙ M)ᵀ − 1 (a ⊙ ē)ᵀ ]      [n, K]
 *   ∂Φ/∂H = (2/n) [ H ⊙ ((E ⊙ E) A) − E (A ⊙ M) ]                          [n, d]
 * </pre>
 *
 * <p>(the terms through M and ē that come from differentiating the means vanish or are already
 * included, since the deviations from a mean sum to zero). Four GEMMs and a few elementwise
 * passes; no {@code n × K × d} tensor is formed.
 */
final class ClassifierVarianceGradient {

  private final TensorBackend backend;
  private final SegmentScratch scratch;
  private final RowBuffer errorsTimesA;
  private final RowBuffer squares;
  private final Tensor moments;
  private final Tensor errorMeans;

  ClassifierVarianceGradient(TensorBackend backend, SegmentScratch scratch, int classes, int features) {
    this.backend = backend;
    this.scratch = scratch;
    this.errorsTimesA = scratch.matrix(classes);
    this.squares = scratch.matrix(features);
    this.moments = backend.allocate(Shape.of(classes, features));
    this.errorMeans = backend.allocate(Shape.of(classes));
  }

  /**
   * Writes {@code ∂Φ/∂E} into {@code errorGradient} and {@code ∂Φ/∂H} into {@code
   * featureGradient} for environment {@code e} (its segment of the scratch buffers).
   */
  void compute(
      int e, Tensor errors, Tensor features, Tensor weightCoefficients, Tensor biasCoefficients,
      Tensor errorGradient, Tensor featureGradient) {
    int n = errors.shape().rows();
    float twoOverN = 2f / n;
    Tensor q = scratch.segment(errorsTimesA, e);
    Tensor hh = scratch.segment(squares, e);
    // M ← A ⊙ EᵀH/n and ē ← a ⊙ column means of E: only these products are used below.
    backend.gemm(true, false, 1f / n, errors, features, 0f, moments);
    backend.multiply(moments, weightCoefficients, moments);
    backend.columnSums(errors, 0f, errorMeans);
    backend.multiply(errorMeans, biasCoefficients, errorMeans);
    backend.scale(-1f / n, errorMeans);

    backend.multiply(features, features, hh);
    backend.gemm(false, true, 1f, hh, weightCoefficients, 0f, q);
    backend.addBias(q, biasCoefficients, false);
    backend.multiply(errors, q, errorGradient);
    backend.gemm(false, true, -1f, features, moments, 1f, errorGradient);
    backend.addBias(errorGradient, errorMeans, false);
    backend.scale(twoOverN, errorGradient);

    backend.multiply(errors, errors, q);
    backend.gemm(false, false, 1f, q, weightCoefficients, 0f, featureGradient);
    backend.multiply(features, featureGradient, featureGradient);
    backend.gemm(false, false, -1f, errors, moments, 1f, featureGradient);
    backend.scale(twoOverN, featureGradient);
  }
}
