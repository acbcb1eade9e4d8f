package io.invstream.app.console;

import io.invstream.trainer.service.TrainerSnapshot;

/** One human-readable progress line of a running trainer. */
public final class StatusLine {

  private StatusLine() {}

  public static String of(TrainerSnapshot s, double elapsedSeconds) {
    StringBuilder line = new StringBuilder(String.format("[%5.0fs] step %,d | %,d examples | model v%d", elapsedSeconds,
        s.steps(), s.examples(), s.modelVersion()));
    if (!s.trainAccuracy().isEmpty()) {
      double mean = s.trainAccuracy().values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      line.append(String.format(" | train acc %.3f (worst %.3f)", mean, s.worstTrainAccuracy()));
    }
    if (!s.heldOutAccuracy().isEmpty()) {
      line.append(String.format(" | held-out acc %.3f", s.testAccuracy()));
    }
    if (s.skippedSteps() > 0) {
      line.append(" | ").append(s.skippedSteps()).append(" non-finite steps skipped");
    }
    if (s.deadLetters() > 0) {
      line.append(" | ").append(s.deadLetters()).append(" dead letters");
    }
    return line.toString();
  }
}
