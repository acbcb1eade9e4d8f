package io.invstream.trainer.algorithm;

import io.invstream.trainer.model.Model;
import io.invstream.trainer.model.Tape;
import io.invstream.trainer.optim.Optimizer;
import io.invstream.trainer.tensor.TensorBackend;

/**
 * What an algorithm sees after the forward pass of a step, before the backward pass.
 *
 * <p>The batch's environments are segments of one pooled batch on {@link #tape()}, in the order
 * the batch listed them.
 */
public interface ForwardPhase {

  /** Updates applied before this step (anneal schedules count these). */
  long updateCount();

  /** The backend all tensors live on. */
  TensorBackend backend();

  /** The model being trained. */
  Model model();

  /** The main tape: pooled input, activations, logits, features and their gradients. */
  Tape tape();

  /** The trainer's optimiser (Fish builds its inner optimiser from its config). */
  Optimizer optimizer();

  /** Number of environments E in this step. */
  int environments();

  /** Environment {@code e} in {@code [0, E)}. */
  EnvironmentOutputs environment(int e);

  /**
   * Records a named scalar in the step's report, e.g. {@code irm.penalty}; prefix names with the
   * algorithm's CLI name.
   */
  void report(String name, double value);

  /**
   * Asks the trainer to reset the optimiser's state before applying this step's update (an
   * anneal switch). Ignored if the step is rejected as non-finite.
   */
  void resetOptimizer();
}
