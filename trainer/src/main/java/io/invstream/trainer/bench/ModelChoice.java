package io.invstream.trainer.bench;

import io.invstream.trainer.model.Cnn;
import io.invstream.trainer.model.LogisticRegression;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.model.ModelSpec;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark's model as a command line describes it, turned into a {@link ModelSpec} once every
 * option is known.
 *
 * @param kind {@code logistic}, {@code mlp} or {@code cnn}
 * @param inputs features per example
 * @param classes output classes
 * @param hidden MLP hidden widths
 * @param image CNN input {@code CxHxW}, or {@code null} for one channel of a square image of
 *     {@code inputs} pixels
 * @param filters CNN filter counts of its two convolutions
 */
public record ModelChoice(String kind, int inputs, int classes, List<Integer> hidden, String image, List<Integer> filters) {

  /** MLP 784→256→10 (CNN filters 8, 16 where {@code kind} is changed to {@code cnn}). */
  public static final ModelChoice DEFAULTS = new ModelChoice("mlp", 784, 10, List.of(256), null, List.of(8, 16));

  /** Copies the lists. */
  public ModelChoice {
    hidden = List.copyOf(hidden);
    filters = List.copyOf(filters);
  }

  /** The architecture; refuses an unknown kind or a CNN shape that does not fit, saying which option to fix. */
  public ModelSpec spec() {
    return switch (kind) {
      case "logistic" -> new LogisticRegression(inputs, classes);
      case "mlp" -> new Mlp(inputs, hidden, classes);
      case "cnn" -> cnn();
      default -> throw new IllegalArgumentException("--model takes logistic, mlp or cnn, got " + kind);
    };
  }

  private Cnn cnn() {
    if (filters.size() != 2) {
      throw new IllegalArgumentException("--filters takes two counts, e.g. 8,16; got " + filters);
    }
    int[] chw;
    if (image != null) {
      chw = Arrays.stream(image.split("x")).mapToInt(Integer::parseInt).toArray();
      if (chw.length != 3) {
        throw new IllegalArgumentException("--image takes CxHxW, e.g. 1x28x28; got " + image);
      }
    } else {
      int side = (int) Math.round(Math.sqrt(inputs));
      if (side * side != inputs) {
        throw new IllegalArgumentException(
            "--model cnn with --inputs " + inputs + " is not a square image; give --image CxHxW");
      }
      chw = new int[] {1, side, side};
    }
    return new Cnn(chw[0], chw[1], chw[2], filters.get(0), filters.get(1), classes);
  }
}
