package io.invstream.trainer.algorithm;

import io.invstream.trainer.hparam.Hyperparameters;
import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.param.SavedState;

/**
 * A training algorithm expressed as hooks into the trainer's one per-environment gradient
 * pipeline. Order of operations of one step (see {@code io.invstream.trainer.step.Trainer#step}):
 *
 * <ol>
 *   <li>One forward pass over the pooled batch of all environments; per environment the fused
 *       softmax cross-entropy writes {@code L_e}, {@code p} and {@code dL_e/dz}.
 *   <li>{@link #adjustOutputGradients}: the algorithm may rewrite each environment's {@code dJ/dz}
 *       and add a {@code dJ/dh} on the features, from closed forms (IRM's dummy-scale penalty,
 *       V-REx's risk variance, Fishr's gradient variances, CORAL, a DANN head's reversed
 *       gradient). Anything needing extra passes makes them here or in the next hook, on a tape
 *       of its own (Fish's inner steps) or on the main tape, restoring {@code dL_e/dz} before
 *       returning (RRR's reverse-over-forward pass).
 *   <li>One backward pass writes each environment's parameter gradient {@code dJ_e/dθ} into a
 *       {@link io.invstream.trainer.param.GradientStack}.
 *   <li>{@link #combine}: the algorithm reduces the per-environment gradients into one block
 *       (mean, masked mean, …) and says whether it is a gradient or a parameter delta.
 *   <li>The trainer measures consistency (sign agreement, gradient cosines) and the global norm;
 *       a non-finite loss or update rejects the step here, leaving parameters and optimiser
 *       untouched.
 *   <li>A gradient is clipped and handed to the optimiser (after a reset if the algorithm asked
 *       for one); a delta is added to the parameters.
 *   <li>{@link #afterUpdate}, only if the update was applied: commit state that must not survive
 *       a rejected step (EMAs, counters).
 * </ol>
 *
 * <p>Implementations are mutable and single-threaded; hyperparameters are an immutable record.
 */
public interface InvariantAlgorithm {

  /** CLI name, e.g. {@code andmask}. */
  String name();

  /** The immutable hyperparameters in force, recorded with every update. */
  Hyperparameters hyperparameters();

  /**
   * Step 2 above: rewrite {@code environment(e).logitGradient()} and/or add to {@code
   * environment(e).featureGradient()}. The default leaves {@code dL_e/dz} as is.
   */
  default void adjustOutputGradients(ForwardPhase step) {}

  /**
   * Step 4 above: write the combined update into {@code update} (a flat block of the model's layout,
   * contents undefined on entry).
   */
  UpdateKind combine(BackwardPhase step, ParameterBlock update);

  /** Step 7 above: called after an update was applied. */
  default void afterUpdate(BackwardPhase step) {}

  /** State for an exact restore after a restart; none by default. */
  default SavedState exportState() {
    return SavedState.empty(name());
  }

  /** Restores {@link #exportState()} output. */
  default void importState(SavedState state) {
    state.requireKind(name());
  }
}
