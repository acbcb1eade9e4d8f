package io.invstream.trainer.model;

import io.invstream.trainer.tensor.TensorBackend;
import java.util.random.RandomGenerator;

/**
 * Immutable description of an architecture; builds initialised models and is recorded as
 * provenance with every published model.
 */
public sealed interface ModelSpec permits LogisticRegression, Mlp, Cnn {

  /** Features per example. */
  int inputs();

  /** Number of classes. */
  int classes();

  /**
   * A new model with parameters drawn from {@code random} (PyTorch's default: weights and biases
   * uniform in {@code ±1/sqrt(fan_in)}); the same generator state gives the same parameters.
   */
  Model build(TensorBackend backend, RandomGenerator random);

  /** Short form for logs and tables, e.g. {@code mlp 784-256-10}. */
  String describe();
}
