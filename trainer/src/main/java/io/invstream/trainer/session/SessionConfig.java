package io.invstream.trainer.session;

import java.util.Set;

/**
 * What a training session does around the trainer.
 *
 * @param modelName name under which models and metrics are published
 * @param algorithm the algorithm's CLI name, recorded with metrics
 * @param heldOut environments that are evaluated but never trained on
 * @param accuracyWindow steps over which reported accuracies are averaged
 */
public record SessionConfig(String modelName, String algorithm, Set<String> heldOut, int accuracyWindow) {

  public SessionConfig {
    heldOut = Set.copyOf(heldOut);
    if (modelName == null || modelName.isBlank()) {
      throw new IllegalArgumentException("A model name is required");
    }
    if (accuracyWindow < 1) {
      throw new IllegalArgumentException("accuracyWindow must be >= 1, got " + accuracyWindow);
    }
  }
}
