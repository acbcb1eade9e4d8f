package io.invstream.trainer.session;

import io.invstream.schemas.validation.Rejection;
import io.invstream.schemas.Example;
import io.invstream.trainer.step.Evaluation;
import io.invstream.trainer.step.StepReport;
import java.util.List;
import java.util.Map;

/**
 * What one batch did.
 *
 * @param batchId the batch's id
 * @param report the training step, or null when the batch held no trainable environment
 * @param heldOut evaluations of held-out environments, measured before the update
 * @param trainedExamples examples the step trained on
 * @param rejected examples refused before training, with why
 */
public record SessionStep(String batchId, StepReport report, List<Evaluation> heldOut, int trainedExamples,
    Map<Example, Rejection> rejected) {

  public SessionStep {
    heldOut = List.copyOf(heldOut);
    rejected = Map.copyOf(rejected);
  }

  /** True when the step changed the model. */
  public boolean applied() {
    return report != null && report.applied();
  }

  /** True when the step was refused for a NaN/Inf loss or gradient. */
  public boolean nonFinite() {
    return report != null && report.nonFinite();
  }
}
