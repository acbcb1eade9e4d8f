package io.invstream.trainer.algorithm;

import io.invstream.trainer.model.Model;
import io.invstream.trainer.model.Tape;
import io.invstream.trainer.model.TangentModel;
import io.invstream.trainer.param.GradientStack;
import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.tensor.RowBuffer;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The "Right for the Right Reasons" penalty of each environment and its exact parameter gradient,
 * by reverse-over-forward differentiation on the step's own tape (no double backprop):
 *
 * <pre>
 *   S_n = Σ_k log p_nk            G_n = ∂S_n/∂x_n            P_e = (1/W_e) Σ_n w_n Σ_d (A_nd G_nd)²
 *   ∇θ P_e = (2/W_e) Σ_n w_n ∇θ D_v S_n |_{v_n = A_n² ⊙ G_n fixed},   D_v S_n = Σ_k (1 − K p_nk) ż_nk
 * </pre>
 *
 * <p>Passes, all over the pooled batch: (1) backward with {@code dJ/dz = 1 − K p} and the input
 * gradient on gives G; (2) {@code v = A² ⊙ G} (0 for environments without a mask); (3) forward
 * tangent gives ż; (4) the output-side partials of {@code Σ_n c_n D_v S_n}, {@code c_n = 2λ w_n /
 * W_e} ({@link TensorBackend#logProbabilitySumTangent}); (5) backward through the tangent gives
 * {@code λ ∇θ P_e} per environment into a gradient stack of its own. The step's {@code dL_e/dz}
 * is saved before and restored after, so the trainer's backward pass then runs as usual; the
 * penalty gradients are added to its per-environment gradients by {@link #addTo}.
 *
 * <p>Cost: about three backward passes on top of the step. Memory: one extra gradient stack.
 */
final class InputGradientPenalty {

  private final TensorBackend backend;
  private final RowBuffer savedLogitGradient;
  private final Map<Integer, GradientStack> stacks = new HashMap<>();
  private final Map<Integer, List<ParameterBlock>> blocks = new HashMap<>();
  private GradientStack active;

  InputGradientPenalty(TensorBackend backend, int classes) {
    this.backend = backend;
    this.savedLogitGradient = RowBuffer.matrix(backend, classes);
  }

  /**
   * Computes {@code λ ∇θ P_e} for every environment, kept for {@link #addTo}.
   *
   * @param masks per environment its annotation {@code A [n_e, inputs]}, or {@code null} for no
   *     penalty on that environment
   * @return the pooled penalty {@code Σ_e W_e P_e / Σ_e W_e} (without λ)
   */
  double compute(ForwardPhase step, List<Tensor> masks, double lambda) {
    active = null;
    if (masks.stream().allMatch(m -> m == null)) {
      return 0;
    }
    TangentModel model = tangentModel(step.model());
    Tape tape = step.tape();
    int environments = step.environments();
    GradientStack stack = stacks.computeIfAbsent(
        environments, e -> new GradientStack(backend, model.layout(), e));
    List<ParameterBlock> perEnvironment = blocks.computeIfAbsent(environments, e -> blocksOf(stack));
    int rows = tape.layout().totalRows();
    savedLogitGradient.reserve(rows);
    Tensor saved = savedLogitGradient.first(rows);
    backend.copy(tape.logitGradient(), saved);

    int k = model.classes();
    for (int e = 0; e < environments; e++) {
      Tensor dz = tape.logitGradient(e);
      backend.fill(dz, 1f);
      backend.axpy(-k, step.environment(e).probabilities(), dz);
    }
    model.backward(tape, perEnvironment, false, true);
    for (int e = 0; e < environments; e++) {
      Tensor v = tape.inputTangent(e);
      Tensor mask = masks.get(e);
      if (mask == null) {
        backend.fill(v, 0f);
      } else {
        backend.multiply(mask, tape.inputGradient(e), v);
        backend.multiply(mask, v, v);
      }
    }
    model.forwardTangent(tape);
    double penalty = 0;
    double weight = 0;
    for (int e = 0; e < environments; e++) {
      EnvironmentOutputs env = step.environment(e);
      weight += env.weightSum();
      if (masks.get(e) == null) {
        backend.fill(tape.logitGradient(e), 0f);
        backend.fill(tape.logitTangentGradient(e), 0f);
      } else {
        penalty += backend.logProbabilitySumTangent(
            env.probabilities(), tape.logitTangent(e), env.weights(), (float) (2 * lambda / env.weightSum()),
            tape.logitGradient(e), tape.logitTangentGradient(e));
      }
    }
    model.backwardThroughTangent(tape, perEnvironment);
    backend.copy(saved, tape.logitGradient());
    active = stack;
    return penalty / weight;
  }

  /** Adds the last computed {@code λ ∇θ P_e} to each environment's gradient; nothing if none. */
  void addTo(BackwardPhase step) {
    if (active == null) {
      return;
    }
    for (int p = 0; p < step.model().layout().count(); p++) {
      backend.axpy(1f, active.stacked(p), step.gradients().stacked(p));
    }
  }

  private static List<ParameterBlock> blocksOf(GradientStack stack) {
    List<ParameterBlock> out = new ArrayList<>(stack.environments());
    for (int e = 0; e < stack.environments(); e++) {
      out.add(stack.environment(e));
    }
    return List.copyOf(out);
  }

  static TangentModel tangentModel(Model model) {
    if (model instanceof TangentModel t) {
      return t;
    }
    throw new IllegalStateException(
        "the input-gradient penalty needs a model with forward tangents (TangentModel); "
            + model.spec().describe() + " has none");
  }
}
