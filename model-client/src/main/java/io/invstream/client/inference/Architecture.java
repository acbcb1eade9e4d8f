package io.invstream.client.inference;

import java.util.List;
import java.util.Map;

/**
 * An architecture the trainer publishes, read back from the {@code architecture} string of a model
 * update ({@code logistic 10-2}, {@code mlp 784-256-10}, {@code cnn 1x28x28 conv16-conv32-10}).
 * It knows which parameter tensors a model of it has and builds the forward pass over them.
 */
public sealed interface Architecture permits LogisticArchitecture, MlpArchitecture, CnnArchitecture {

  /** Features per example. */
  int inputs();

  /** Number of classes. */
  int classes();

  /** The parameter tensors a model of this architecture has, in the trainer's order. */
  List<ParameterShape> parameters();

  /** The description this architecture is written as, identical to the trainer's. */
  String describe();

  /**
   * The forward pass over {@code parameters}, keyed by tensor name, each flattened row-major.
   *
   * @throws IllegalArgumentException if a tensor is missing, unexpected, of the wrong size or holds
   *     a NaN or infinity
   */
  Network network(Map<String, float[]> parameters);

  /**
   * The architecture {@code description} names.
   *
   * @throws IllegalArgumentException if it is not one of the three known forms or its sizes are invalid
   */
  static Architecture parse(String description) {
    return ArchitectureParser.parse(description);
  }
}
