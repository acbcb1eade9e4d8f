package io.invstream.trainer.model;

import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.param.ParameterLayout;
import java.util.List;

/**
 * A differentiable classifier whose arithmetic runs entirely on a {@link
 * io.invstream.trainer.tensor.TensorBackend}: logits {@code z = W h + b} on top of penultimate
 * features {@code h} (Fishr, CORAL and DANN work on h).
 *
 * <p>Backward passes are written by hand. One backward pass over a pooled batch produces one
 * parameter gradient per segment of the {@link BatchLayout} (one per environment), so the
 * per-environment gradients invariance methods need cost one pass, not one per environment.
 *
 * <p>Parameter tensors follow PyTorch's layouts ({@code weight [out, in]}, conv {@code [F, C, k,
 * k]}) so published models read naturally there. Not thread-safe.
 */
public interface Model {

  /** The architecture this model was built from. */
  ModelSpec spec();

  /** Features per example. */
  int inputSize();

  /** Width of the penultimate features h. */
  int featureSize();

  /** Number of classes (2 for binary tasks, which use a 2-class softmax). */
  int classes();

  /** Names, shapes and flat offsets of the parameters. */
  ParameterLayout layout();

  /** The live parameters, updated in place by optimisers. */
  ParameterBlock parameters();

  /** A new, empty tape for this model. */
  Tape newTape();

  /** Computes logits and features for the batch in {@code tape.input()}, keeping activations. */
  void forward(Tape tape);

  /**
   * Back-propagates {@code tape.logitGradient()} (plus {@code tape.featureGradient()} when {@code
   * addFeatureGradient}) through the activations of the last {@link #forward}.
   *
   * @param segmentGradients one block per segment of the tape's layout; overwritten with that
   *     segment's parameter gradient
   * @param inputGradient whether to also write {@code tape.inputGradient()}
   */
  void backward(
      Tape tape, List<ParameterBlock> segmentGradients, boolean addFeatureGradient, boolean inputGradient);

  /** A model of the same architecture with its own copy of this model's current parameters. */
  Model replicate();
}
