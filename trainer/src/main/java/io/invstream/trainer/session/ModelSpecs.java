package io.invstream.trainer.session;

import io.invstream.schemas.architecture.ArchitectureDescription;
import io.invstream.trainer.model.Cnn;
import io.invstream.trainer.model.LogisticRegression;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.model.ModelSpec;
import java.util.List;

/**
 * Turns the architecture strings recorded in model updates ({@link ModelSpec#describe()}) back
 * into specs, and builds specs from command-line choices.
 */
public final class ModelSpecs {

  private ModelSpecs() {}

  /** The spec {@code description} was written from, e.g. {@code mlp 784-256-10}. */
  public static ModelSpec parse(String description) {
    ArchitectureDescription parsed = ArchitectureDescription.parse(description);
    try {
      if (parsed instanceof ArchitectureDescription.Logistic logistic) {
        return new LogisticRegression(logistic.inputs(), logistic.classes());
      }
      if (parsed instanceof ArchitectureDescription.Mlp mlp) {
        return new Mlp(mlp.inputs(), mlp.hidden(), mlp.classes());
      }
      ArchitectureDescription.Cnn cnn = (ArchitectureDescription.Cnn) parsed;
      return new Cnn(cnn.channels(), cnn.height(), cnn.width(), cnn.filters1(), cnn.filters2(), cnn.classes());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Malformed architecture '" + description + "': " + e.getMessage(), e);
    }
  }

  /**
   * A spec from command-line choices.
   *
   * @param kind {@code logistic}, {@code mlp} or {@code cnn}
   * @param imageShape channels, height, width for the CNN (their product must equal {@code inputs})
   */
  public static ModelSpec of(String kind, int inputs, List<Integer> hidden, int classes, int[] imageShape) {
    return switch (kind) {
      case "logistic" -> new LogisticRegression(inputs, classes);
      case "mlp" -> new Mlp(inputs, hidden, classes);
      case "cnn" -> {
        if (imageShape == null || imageShape[0] * imageShape[1] * imageShape[2] != inputs) {
          throw new IllegalArgumentException("The CNN needs an image shape CxHxW whose product is the " + inputs
              + " features; pass --image-shape, e.g. 1x28x28");
        }
        yield new Cnn(imageShape[0], imageShape[1], imageShape[2], 16, 32, classes);
      }
      default -> throw new IllegalArgumentException("Unknown model '" + kind + "'; choose logistic, mlp or cnn");
    };
  }
}
