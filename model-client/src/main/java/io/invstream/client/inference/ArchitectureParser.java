package io.invstream.client.inference;

import io.invstream.schemas.architecture.ArchitectureDescription;

/** Builds the client's architectures from the trainer's descriptions ({@link ArchitectureDescription}). */
final class ArchitectureParser {

  private ArchitectureParser() {}

  static Architecture parse(String description) {
    ArchitectureDescription parsed = ArchitectureDescription.parse(description);
    try {
      if (parsed instanceof ArchitectureDescription.Logistic logistic) {
        return new LogisticArchitecture(logistic.inputs(), logistic.classes());
      }
      if (parsed instanceof ArchitectureDescription.Mlp mlp) {
        return new MlpArchitecture(mlp.inputs(), mlp.hidden(), mlp.classes());
      }
      ArchitectureDescription.Cnn cnn = (ArchitectureDescription.Cnn) parsed;
      return new CnnArchitecture(cnn.channels(), cnn.height(), cnn.width(), cnn.filters1(), cnn.filters2(), cnn.classes());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Malformed architecture '" + description + "': " + e.getMessage(), e);
    }
  }

  static void requirePositive(String what, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(what + " must be positive, got " + value);
    }
  }

  static void requireClasses(int classes) {
    if (classes < 2) {
      throw new IllegalArgumentException("classes must be at least 2 (binary tasks use a 2-class softmax), got " + classes);
    }
  }
}
