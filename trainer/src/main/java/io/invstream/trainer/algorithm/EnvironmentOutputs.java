package io.invstream.trainer.algorithm;

import io.invstream.trainer.tensor.Tensor;

/**
 * One environment's slice of the pooled batch after the forward pass: its inputs, outputs and the
 * gradients an algorithm may reshape before the backward pass. All tensors are {@code [n_e, …]}
 * views of the step's buffers; valid during the current step only.
 */
public interface EnvironmentOutputs {

  /** Environment name, as in the batch. */
  String name();

  /** Position of this environment in the step's batch (and in the gradient stack). */
  int index();

  /** Examples {@code n_e}. */
  int rows();

  /** {@code Σ w_n} over the environment's examples; {@code n_e} without weights. */
  double weightSum();

  /** Weighted mean cross-entropy {@code L_e}. */
  double loss();

  /** Examples whose arg-max logit equals the label. */
  int correct();

  /** {@code [n_e, inputs]} the model's input rows. */
  Tensor input();

  /** {@code [n_e]} labels as floats. */
  Tensor labels();

  /** {@code [n_e]} example weights, or {@code null} when the batch carried none. */
  Tensor weights();

  /**
   * {@code [n_e, inputs]} per-feature annotation mask (RRR: 1 where the feature must be
   * irrelevant), or {@code null} when the batch carried none.
   */
  Tensor annotationMask();

  /** {@code [n_e, classes]} logits z. */
  Tensor logits();

  /** {@code [n_e, classes]} softmax probabilities p. */
  Tensor probabilities();

  /** {@code [n_e, features]} penultimate features h. */
  Tensor features();

  /**
   * {@code [n_e, classes]} dJ/dz for this environment's part J_e of the objective; holds {@code
   * dL_e/dz} (mean cross-entropy of this environment, weighted) when the hook is called. Modify in
   * place.
   */
  Tensor logitGradient();

  /**
   * {@code [n_e, features]} an extra dJ/dh added to the gradient flowing into the features. The
   * first call in a step zero-fills it for every environment and switches it on for the backward
   * pass; algorithms that never call it cost nothing.
   */
  Tensor featureGradient();
}
