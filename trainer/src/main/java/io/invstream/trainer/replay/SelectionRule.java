package io.invstream.trainer.replay;

/** How a replay picks the model whose accuracies it reports as "selected". */
public enum SelectionRule {
  /**
   * Training-domain validation (DomainBed's default): the evaluated step with the best mean accuracy
   * over the training environments' validation splits; the earliest such step on a tie. Uses no
   * information from held-out environments.
   */
  TRAINING_DOMAIN_VALIDATION("training-domain validation: the evaluated step with the best mean accuracy on the"
      + " training environments' validation splits"),
  /** The model after the last step, as fixed-budget protocols (IRM's Colored MNIST script) report it. */
  LAST_STEP("last step: the model after the final step, no selection");

  private final String description;

  SelectionRule(String description) {
    this.description = description;
  }

  /** One sentence for reports. */
  public String description() {
    return description;
  }
}
