package io.invstream.trainer.model;

import io.invstream.trainer.param.ParameterBlock;
import java.util.List;

/**
 * A model that can also push a direction in input space forward (forward mode, the "R-op") and
 * back-propagate an objective of both the logits z and their directional derivative ż = (∂z/∂x)·v.
 *
 * <p>This is the exact Hessian-vector product RRR needs without double backprop: its penalty
 * {@code Σ (A ⊙ G)²} with {@code G = ∂S/∂x}, {@code S = Σ_k log p_k}, has parameter gradient
 * {@code 2 ∇θ D_v S} for the fixed direction {@code v = A² ⊙ G}, and {@code D_v S = Σ_k (1 − K
 * p_k) ż_k}. So: backward with {@code dJ/dz = 1 − K p} and the input gradient on to get G; write v
 * into {@link Tape#inputTangent()}; {@link #forwardTangent}; set {@code dJ/dz = −K p ⊙ (ż − Σ_k
 * p_k ż_k)} and {@code dJ/dż = 1 − K p}; {@link #backwardThroughTangent}.
 *
 * <p>For ReLU networks the tangent path uses the forward pass's activation masks (ReLU'' = 0 almost
 * everywhere), and max-pooling's tangent follows the forward pass's arg-max (constant almost
 * everywhere). Implemented by all three models: logistic regression, MLP and CNN.
 */
public interface TangentModel extends Model {

  /**
   * After {@link #forward}: propagates {@link Tape#inputTangent()} (v, {@code [N, inputs]}) to
   * {@link Tape#logitTangent()} (ż, {@code [N, classes]}), keeping the intermediate tangents.
   */
  void forwardTangent(Tape tape);

  /**
   * After {@link #forwardTangent}: writes {@code ∇θ J} per segment for an objective J(z, ż) whose
   * partial derivatives the caller put in {@link Tape#logitGradient()} (dJ/dz) and {@link
   * Tape#logitTangentGradient()} (dJ/dż).
   */
  void backwardThroughTangent(Tape tape, List<ParameterBlock> segmentGradients);
}
