package io.invstream.trainer.algorithm;

import io.invstream.trainer.hparam.Hyperparameters;

/** ERM has no hyperparameters of its own (learning rate and weight decay are the optimiser's). */
public record ErmHyperparameters() implements Hyperparameters {

  public static final ErmHyperparameters DEFAULTS = new ErmHyperparameters();
}
