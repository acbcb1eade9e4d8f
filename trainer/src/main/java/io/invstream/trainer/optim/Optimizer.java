package io.invstream.trainer.optim;

import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.param.ParameterLayout;
import io.invstream.trainer.param.SavedState;

/**
 * Updates parameters in place from a gradient, keeping whatever state it needs (moments, step
 * count) in backend tensors laid out like the parameters. Bound to one {@link ParameterLayout};
 * not thread-safe.
 */
public interface Optimizer {

  /** The configuration, recorded as provenance. */
  OptimizerConfig config();

  /** One update of {@code parameters} from {@code gradient}; both must be flat blocks of the layout. */
  void step(ParameterBlock parameters, ParameterBlock gradient);

  /** Forgets all state, as a freshly built optimiser (DomainBed re-creates Adam at an anneal). */
  void reset();

  /** Number of steps taken since construction or the last reset. */
  long steps();

  /** State for an exact restore: the step count and every state tensor. */
  SavedState exportState();

  /** Restores {@link #exportState()} output of an optimiser of the same kind and layout. */
  void importState(SavedState state);

  /**
   * Makes this optimiser's state (step count and every state tensor) a copy of {@code source}'s,
   * on the backend, without a host round trip: the cheap way to keep a committed copy of an
   * optimiser that may take a step which is later rejected (Fish's inner optimiser).
   *
   * @param source an optimiser of the same kind and layout
   */
  void copyStateFrom(Optimizer source);
}
