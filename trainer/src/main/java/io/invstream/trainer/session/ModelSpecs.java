package io.invstream.trainer.session;

import io.invstream.trainer.model.Cnn;
import io.invstream.trainer.model.LogisticRegression;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.model.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the architecture strings recorded in model updates ({@link ModelSpec#describe()}) back
 * into specs, and builds specs from command-line choices.
 */
public final class ModelSpecs {

  private static final Pattern CNN = Pattern.compile("cnn (\\d+)x(\\d+)x(\\d+) conv(\\d+)-conv(\\d+)-(\\d+)");

  private ModelSpecs() {}

  /** The spec {@code description} was written from, e.g. {@code mlp 784-256-10}. */
  public static ModelSpec parse(String description) {
    String text = description.strip();
    try {
      if (text.startsWith("logistic ")) {
        int[] sizes = sizes(text.substring("logistic ".length()));
        return new LogisticRegression(sizes[0], sizes[1]);
      }
      if (text.startsWith("mlp ")) {
        int[] sizes = sizes(text.substring("mlp ".length()));
        List<Integer> hidden = new ArrayList<>();
        for (int i = 1; i < sizes.length - 1; i++) {
          hidden.add(sizes[i]);
        }
        return new Mlp(sizes[0], hidden, sizes[sizes.length - 1]);
      }
      Matcher cnn = CNN.matcher(text);
      if (cnn.matches()) {
        return new Cnn(group(cnn, 1), group(cnn, 2), group(cnn, 3), group(cnn, 4), group(cnn, 5), group(cnn, 6));
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Malformed architecture '" + description + "': " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("Unknown architecture '" + description
        + "'; expected 'logistic IN-K', 'mlp IN-H1-...-K' or 'cnn CxHxW convF1-convF2-K'");
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

  private static int[] sizes(String text) {
    String[] parts = text.split("-");
    if (parts.length < 2) {
      throw new IllegalArgumentException("needs at least inputs and classes");
    }
    int[] sizes = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      sizes[i] = Integer.parseInt(parts[i].strip());
    }
    return sizes;
  }

  private static int group(Matcher matcher, int index) {
    return Integer.parseInt(matcher.group(index));
  }
}
