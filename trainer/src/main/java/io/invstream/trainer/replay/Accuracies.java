package io.invstream.trainer.replay;

import java.util.Collection;
import java.util.Map;

/** Mean and minimum of per-environment accuracies, NaN when there are none. */
final class Accuracies {

  private Accuracies() {}

  static double mean(Map<String, Double> accuracies) {
    return accuracies.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  static double min(Collection<Double> accuracies) {
    return accuracies.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }
}
