package io.invstream.trainer.replay;

import java.util.Objects;

/**
 * How a replay runs.
 *
 * @param steps training steps, positive
 * @param examplesPerEnvironment examples drawn from each training environment per step; 0 = all of
 *     them (full-batch)
 * @param validationFraction share of each training environment held out for training-domain
 *     validation, in {@code [0, 1)}; must be positive for {@link SelectionRule#TRAINING_DOMAIN_VALIDATION}
 * @param evaluationInterval evaluate validation splits and held-out environments every this many
 *     steps (and after the last step), positive
 * @param evaluationChunk rows per evaluation pass, so evaluating a large environment needs no tape
 *     the size of the environment, positive
 * @param selection which model the "selected" accuracies describe
 * @param seed seeds the validation split and the batch sampling (the model's own seed is separate)
 */
public record ReplayConfig(int steps, int examplesPerEnvironment, double validationFraction, int evaluationInterval,
    int evaluationChunk, SelectionRule selection, long seed) {

  /** Rows per evaluation pass unless configured otherwise. */
  public static final int DEFAULT_EVALUATION_CHUNK = 4096;

  public ReplayConfig {
    Objects.requireNonNull(selection, "selection");
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, got " + steps);
    }
    if (examplesPerEnvironment < 0) {
      throw new IllegalArgumentException("--k must be >= 0 (0 = whole environment per step), got " + examplesPerEnvironment);
    }
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("the validation fraction must be in [0, 1), got " + validationFraction);
    }
    if (selection == SelectionRule.TRAINING_DOMAIN_VALIDATION && validationFraction == 0) {
      throw new IllegalArgumentException("training-domain validation needs a validation split; pass a positive"
          + " --validation-fraction or --selection last");
    }
    if (evaluationInterval < 1 || evaluationChunk < 1) {
      throw new IllegalArgumentException("evaluation interval and chunk must be >= 1, got " + evaluationInterval + " and "
          + evaluationChunk);
    }
  }
}
