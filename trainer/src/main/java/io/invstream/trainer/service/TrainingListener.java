package io.invstream.trainer.service;

import io.invstream.schemas.DriftEvent;
import io.invstream.schemas.ModelUpdate;
import io.invstream.schemas.TrainingMetrics;

/** Observes the trainer in-process (the dashboard, the demo); called on the training thread, so keep it quick. */
public interface TrainingListener {

  /** After each step, with the metrics that will be published when the step's transaction commits. */
  default void onStep(TrainingMetrics metrics) {}

  /** After a model update has been committed. */
  default void onPublished(ModelUpdate update) {}

  /** When a drift detector changes level, with the message sent in the open transaction. */
  default void onDrift(DriftEvent event) {}

  TrainingListener NONE = new TrainingListener() {};
}
