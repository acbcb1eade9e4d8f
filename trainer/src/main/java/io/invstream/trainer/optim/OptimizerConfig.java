package io.invstream.trainer.optim;

import io.invstream.trainer.hparam.Hyperparameters;
import io.invstream.trainer.param.ParameterLayout;
import io.invstream.trainer.tensor.TensorBackend;

/** Immutable optimiser settings that build an optimiser for a parameter layout. */
public sealed interface OptimizerConfig extends Hyperparameters permits AdamConfig, SgdConfig {

  /** Short name: {@code adam}, {@code sgd}. */
  String name();

  /** A new optimiser with zero state for parameters of this layout. */
  Optimizer build(TensorBackend backend, ParameterLayout layout);

  /** The same settings with a different learning rate. */
  OptimizerConfig withLearningRate(double learningRate);
}
