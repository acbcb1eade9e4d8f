package io.invstream.trainer.service;

import io.invstream.trainer.session.TrainingSession;

/** Builds the training session once the number of features is known (from a restored model or the first batch). */
@FunctionalInterface
public interface SessionFactory {

  TrainingSession create(int inputs);
}
