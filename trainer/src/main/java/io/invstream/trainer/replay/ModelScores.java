package io.invstream.trainer.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The accuracies of one model of a run (the last one, or the one model selection picked), each
 * environment evaluated on all examples of its part.
 *
 * @param step training steps the model had taken
 * @param train accuracy on each training environment's training part (examples it was trained on)
 * @param validation accuracy on each training environment's validation split (not trained on)
 * @param heldOut accuracy on each held-out environment (never trained on)
 */
public record ModelScores(long step, Map<String, Double> train, Map<String, Double> validation,
    Map<String, Double> heldOut) {

  public ModelScores {
    train = Checkpoint.ordered(train);
    validation = Checkpoint.ordered(validation);
    heldOut = Checkpoint.ordered(heldOut);
  }

  /** Mean accuracy over held-out environments (the test accuracy); NaN without any. */
  public double testAccuracy() {
    return Accuracies.mean(heldOut);
  }

  /**
   * The lowest accuracy over every environment measured on examples the model never trained on:
   * the training environments' validation splits and the held-out environments. Without a
   * validation split the training parts stand in for the former.
   */
  public double worstEnvAccuracy() {
    List<Double> all = new ArrayList<>(validation.isEmpty() ? train.values() : validation.values());
    all.addAll(heldOut.values());
    return Accuracies.min(all);
  }
}
