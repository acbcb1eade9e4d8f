package io.invstream.trainer.model;

import io.invstream.schemas.architecture.ArchitectureDescription;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Multinomial logistic regression {@code z = W x + b}; its features h are the input itself.
 *
 * @param inputs features per example
 * @param classes number of classes (2 for a binary task)
 */
public record LogisticRegression(int inputs, int classes) implements ModelSpec {

  /** Validates sizes. */
  public LogisticRegression {
    Mlp.requirePositive("inputs", inputs);
    Mlp.requireClasses(classes);
  }

  @Override
  public Model build(TensorBackend backend, RandomGenerator random) {
    return new DenseNetwork(backend, this, inputs, List.of(), classes, random);
  }

  @Override
  public String describe() {
    return new ArchitectureDescription.Logistic(inputs, classes).text();
  }
}
