package io.invstream.trainer.algorithm;

import io.invstream.trainer.model.BatchLayout;
import io.invstream.trainer.tensor.RowBuffer;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;

/**
 * IRMv1's penalty of one environment and its gradient on the logits (see {@link Irm}): the
 * per-example dummy-scale terms {@code r_n = Σ_k (p_nk − y_nk) z_nk} on the backend, the
 * estimator on the host in double (n values down, n coefficients up), and {@code Σ_n c_n ·
 * ∂r_n/∂z_n} back on the backend. Working tensors grow with the batch and are reused.
 */
final class DummyScalePenalty {

  private final TensorBackend backend;
  private final RowOps ops;
  private final SegmentScratch scratch;
  private final RowBuffer errors;
  private final RowBuffer product;
  private final RowBuffer termGradient;
  private final RowBuffer rows;
  private final RowBuffer rowScratch;
  private float[] terms = new float[0];
  private float[] weights = new float[0];
  private double[] coefficients = new double[0];
  private float[] scaled = new float[0];

  DummyScalePenalty(TensorBackend backend, int classes) {
    this.backend = backend;
    this.ops = new RowOps(backend);
    this.scratch = new SegmentScratch(backend);
    this.errors = scratch.matrix(classes);
    this.product = scratch.matrix(classes);
    this.termGradient = scratch.matrix(classes);
    this.rows = scratch.matrix(1);
    this.rowScratch = scratch.matrix(1);
  }

  /** Sizes the per-example buffers for this step's batch. */
  void begin(BatchLayout layout) {
    scratch.begin(layout);
  }

  /**
   * Adds {@code w·∂penalty_e/∂z} to the environment's logit gradient (nothing when w = 0).
   *
   * @return penalty_e, before the weight
   */
  double addGradient(EnvironmentOutputs env, DummyScaleEstimator estimator, double w) {
    int n = env.rows();
    int e = env.index();
    Tensor err = scratch.segment(errors, e);
    Tensor prod = scratch.segment(product, e);
    Tensor r = scratch.segment(rows, e);
    ops.classErrors(env, prod, err);
    backend.multiply(err, env.logits(), prod);
    ops.rowSums(prod, r);
    grow(n);
    backend.download(r, 0, terms, 0, n);
    double penalty = estimator.penalty(terms, hostWeights(env), n, coefficients);
    if (w == 0) {
      return penalty;
    }
    for (int i = 0; i < n; i++) {
      scaled[i] = (float) (w * coefficients[i]);
    }
    backend.upload(scaled, 0, r, 0, n);
    // ∂r_n/∂z_n = (p_n − y_n) + p_n ⊙ (z_n − ⟨p_n, z_n⟩): the softmax VJP of z plus the errors.
    Tensor dr = scratch.segment(termGradient, e);
    ops.softmaxBackward(env.probabilities(), env.logits(), dr, scratch.segment(rowScratch, e), prod);
    backend.axpy(1f, err, dr);
    ops.scaleRows(dr, r, prod);
    backend.axpy(1f, dr, env.logitGradient());
    return penalty;
  }

  private float[] hostWeights(EnvironmentOutputs env) {
    if (env.weights() == null) {
      return null;
    }
    backend.download(env.weights(), 0, weights, 0, env.rows());
    return weights;
  }

  private void grow(int n) {
    if (terms.length < n) {
      terms = new float[n];
      weights = new float[n];
      coefficients = new double[n];
      scaled = new float[n];
    }
  }
}
