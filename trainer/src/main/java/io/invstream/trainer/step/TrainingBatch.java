package io.invstream.trainer.step;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The examples of one training step, one batch per environment, in a fixed order (the order of
 * the per-environment results in the {@link StepReport}).
 */
public record TrainingBatch(List<EnvironmentBatch> environments) {

  /** Requires at least one environment, distinct names and one feature width. */
  public TrainingBatch {
    environments = List.copyOf(environments);
    if (environments.isEmpty()) {
      throw new IllegalArgumentException("a training batch needs at least one environment");
    }
    Set<String> names = new HashSet<>();
    int cols = environments.get(0).cols();
    for (EnvironmentBatch b : environments) {
      if (!names.add(b.environment())) {
        throw new IllegalArgumentException("environment '" + b.environment() + "' appears twice in one batch");
      }
      if (b.cols() != cols) {
        throw new IllegalArgumentException(
            "environment '" + b.environment() + "' has " + b.cols() + " features per row, others " + cols);
      }
    }
  }

  /** A batch of the given environments. */
  public static TrainingBatch of(EnvironmentBatch... environments) {
    return new TrainingBatch(List.of(environments));
  }

  /** Total examples. */
  public int rows() {
    return environments.stream().mapToInt(EnvironmentBatch::rows).sum();
  }
}
