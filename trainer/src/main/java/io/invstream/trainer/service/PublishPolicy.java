package io.invstream.trainer.service;

import java.util.Map;

/**
 * Decides whether a commit also publishes a serving model: always (when something was learnt), or
 * only when the selection accuracy beats every earlier published one.
 *
 * <p>Selection accuracy: the mean held-out accuracy when held-out environments exist (test-domain
 * selection: say so when reporting), otherwise the mean prequential accuracy of the training
 * environments — measured on each batch before training on it, so it is an honest validation
 * estimate (training-domain selection).
 */
final class PublishPolicy {

  private final boolean ifBetter;
  private double best = Double.NEGATIVE_INFINITY;

  PublishPolicy(boolean ifBetter) {
    this.ifBetter = ifBetter;
  }

  /** The accuracy a candidate is judged by. */
  static double selectionAccuracy(Map<String, Double> trainAccuracy, Map<String, Double> heldOutAccuracy) {
    Map<String, Double> chosen = heldOutAccuracy.isEmpty() ? trainAccuracy : heldOutAccuracy;
    return chosen.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  /** Whether a model with this selection accuracy should be published; records it as the best if so. */
  boolean shouldPublish(double accuracy) {
    if (!ifBetter) {
      return true;
    }
    if (Double.isNaN(accuracy) || accuracy <= best) {
      return false;
    }
    best = accuracy;
    return true;
  }

  /** Restores the best accuracy of an earlier run's published model. */
  void restoreBest(double accuracy) {
    if (!Double.isNaN(accuracy)) {
      best = Math.max(best, accuracy);
    }
  }
}
