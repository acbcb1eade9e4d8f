package io.invstream.trainer.replay;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accuracies measured at one evaluated step: the curve points of a run and the candidates of model
 * selection.
 *
 * @param step training steps taken when measured
 * @param validation accuracy on each training environment's validation split (examples never trained on)
 * @param heldOut accuracy on each held-out environment, all of its examples
 * @param prequential each training environment's accuracy on its batches before their updates, over
 *     the session's accuracy window
 */
public record Checkpoint(long step, Map<String, Double> validation, Map<String, Double> heldOut,
    Map<String, Double> prequential) {

  public Checkpoint {
    validation = ordered(validation);
    heldOut = ordered(heldOut);
    prequential = ordered(prequential);
  }

  /** Mean validation accuracy over training environments; NaN without a validation split. */
  public double meanValidation() {
    return Accuracies.mean(validation);
  }

  /** Mean accuracy over held-out environments; NaN without any. */
  public double meanHeldOut() {
    return Accuracies.mean(heldOut);
  }

  static Map<String, Double> ordered(Map<String, Double> values) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
