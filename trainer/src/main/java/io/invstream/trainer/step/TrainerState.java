package io.invstream.trainer.step;

import io.invstream.trainer.param.NamedTensor;
import io.invstream.trainer.param.SavedState;
import java.util.List;

/**
 * Everything needed to continue training exactly where a trainer stopped: counters, parameters,
 * optimiser state and algorithm state. Format-neutral; the caller serialises it.
 */
public record TrainerState(
    long steps, long updates, List<NamedTensor> parameters, SavedState optimizer, SavedState algorithm) {

  /** Copies the list. */
  public TrainerState {
    parameters = List.copyOf(parameters);
  }
}
