package io.invstream.trainer.model;

import io.invstream.schemas.architecture.ArchitectureDescription;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Multi-layer perceptron with ReLU hidden layers; its features h are the last hidden layer.
 *
 * @param inputs features per example
 * @param hidden widths of the hidden layers, input side first (at least one)
 * @param classes number of classes
 */
public record Mlp(int inputs, List<Integer> hidden, int classes) implements ModelSpec {

  /** Validates sizes. */
  public Mlp {
    requirePositive("inputs", inputs);
    hidden = List.copyOf(hidden);
    if (hidden.isEmpty()) {
      throw new IllegalArgumentException("an MLP needs a hidden layer; use LogisticRegression for none");
    }
    hidden.forEach(w -> requirePositive("hidden width", w));
    requireClasses(classes);
  }

  @Override
  public Model build(TensorBackend backend, RandomGenerator random) {
    return new DenseNetwork(backend, this, inputs, hidden, classes, random);
  }

  @Override
  public String describe() {
    return new ArchitectureDescription.Mlp(inputs, hidden, classes).text();
  }

  static void requirePositive(String what, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(what + " must be positive, got " + value);
    }
  }

  static void requireClasses(int classes) {
    if (classes < 2) {
      throw new IllegalArgumentException(
          "classes must be at least 2 (binary tasks use a 2-class softmax), got " + classes);
    }
  }
}
