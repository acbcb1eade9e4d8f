package io.invstream.trainer.bench;

import io.invstream.trainer.model.Cnn;
import io.invstream.trainer.model.LogisticRegression;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.model.ModelSpec;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark's model flags, combined once all are read: {@code --model logistic|mlp|cnn},
 * {@code --inputs n} (784), {@code --classes k} (10), {@code --hidden 256,256} (MLP widths),
 * {@code --image CxHxW} (CNN; default 1 channel of a square image of {@code inputs} pixels) and
 * {@code --filters 8,16} (CNN).
 */
record ModelFlags(String kind, int inputs, int classes, List<Integer> hidden, String image, List<Integer> filters) {

  static final ModelFlags DEFAULTS = new ModelFlags("mlp", 784, 10, List.of(256), null, List.of(8, 16));

  ModelFlags with(String flag, String value) {
    return switch (flag) {
      case "--model" -> new ModelFlags(value, inputs, classes, hidden, image, filters);
      case "--inputs" -> new ModelFlags(kind, Integer.parseInt(value), classes, hidden, image, filters);
      case "--classes" -> new ModelFlags(kind, inputs, Integer.parseInt(value), hidden, image, filters);
      case "--hidden" -> new ModelFlags(kind, inputs, classes, integers(value), image, filters);
      case "--image" -> new ModelFlags(kind, inputs, classes, hidden, value, filters);
      case "--filters" -> new ModelFlags(kind, inputs, classes, hidden, image, integers(value));
      default -> throw new IllegalArgumentException("not a model flag: " + flag);
    };
  }

  static boolean isModelFlag(String flag) {
    return List.of("--model", "--inputs", "--classes", "--hidden", "--image", "--filters").contains(flag);
  }

  ModelSpec spec() {
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

  private static List<Integer> integers(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::parseInt).toList();
  }
}
