package io.invstream.trainer.service;

import java.util.Map;

/**
 * A consistent view of a running trainer's progress, for progress lines and summaries.
 *
 * @param steps batches processed
 * @param examples examples trained on
 * @param modelVersion newest committed model version
 * @param trainAccuracy prequential accuracy per training environment over the recent window
 * @param heldOutAccuracy accuracy per held-out environment over the recent window
 * @param skippedSteps steps refused for a NaN/Inf loss or gradient
 * @param deadLetters records the trainer could not use
 * @param rollbacks times the trainer returned to its last checkpoint after repeated non-finite steps
 */
public record TrainerSnapshot(long steps, long examples, long modelVersion, Map<String, Double> trainAccuracy,
    Map<String, Double> heldOutAccuracy, long skippedSteps, long deadLetters, long rollbacks) {

  public TrainerSnapshot {
    trainAccuracy = Map.copyOf(trainAccuracy);
    heldOutAccuracy = Map.copyOf(heldOutAccuracy);
  }

  public static final TrainerSnapshot EMPTY = new TrainerSnapshot(0, 0, 0, Map.of(), Map.of(), 0, 0, 0);

  /** Mean accuracy over held-out environments, NaN when there are none yet. */
  public double testAccuracy() {
    return heldOutAccuracy.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  /** Lowest accuracy over training environments, NaN when there are none yet. */
  public double worstTrainAccuracy() {
    return trainAccuracy.values().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }
}
