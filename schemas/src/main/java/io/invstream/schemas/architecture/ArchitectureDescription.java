package io.invstream.schemas.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The {@code architecture} string of a {@code ModelUpdate}, parsed: {@code logistic IN-K}, {@code
 * mlp IN-H1-...-K} or {@code cnn CxHxW convF1-convF2-K}. The trainer writes it with {@link
 * #text()} and both the trainer (restoring a checkpoint) and the model client (serving) read it
 * with {@link #parse}, so writer and readers share one grammar. Sizes are checked by whoever builds
 * a network from it.
 */
public sealed interface ArchitectureDescription {

  /** The string as it travels in model updates. */
  String text();

  /** Parses {@code description}; throws {@link IllegalArgumentException} naming the expected forms. */
  static ArchitectureDescription parse(String description) {
    if (description == null) {
      throw new IllegalArgumentException("No architecture given; " + ArchitectureGrammar.FORMS);
    }
    String text = description.strip();
    try {
      if (text.startsWith("logistic ")) {
        int[] sizes = ArchitectureGrammar.sizes(text.substring("logistic ".length()));
        if (sizes.length != 2) {
          throw new IllegalArgumentException("logistic regression has exactly two sizes, inputs and classes");
        }
        return new Logistic(sizes[0], sizes[1]);
      }
      if (text.startsWith("mlp ")) {
        int[] sizes = ArchitectureGrammar.sizes(text.substring("mlp ".length()));
        List<Integer> hidden = new ArrayList<>();
        for (int i = 1; i < sizes.length - 1; i++) {
          hidden.add(sizes[i]);
        }
        return new Mlp(sizes[0], hidden, sizes[sizes.length - 1]);
      }
      Matcher cnn = ArchitectureGrammar.CNN.matcher(text);
      if (cnn.matches()) {
        return new Cnn(ArchitectureGrammar.group(cnn, 1), ArchitectureGrammar.group(cnn, 2), ArchitectureGrammar.group(cnn, 3), ArchitectureGrammar.group(cnn, 4),
            ArchitectureGrammar.group(cnn, 5), ArchitectureGrammar.group(cnn, 6));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Malformed architecture '" + description + "': " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("Unknown architecture '" + description + "'; " + ArchitectureGrammar.FORMS);
  }

  /** Multinomial logistic regression. */
  record Logistic(int inputs, int classes) implements ArchitectureDescription {
    @Override
    public String text() {
      return "logistic " + inputs + "-" + classes;
    }
  }

  /** A ReLU MLP with the given hidden widths. */
  record Mlp(int inputs, List<Integer> hidden, int classes) implements ArchitectureDescription {
    public Mlp {
      hidden = List.copyOf(hidden);
    }

    @Override
    public String text() {
      return "mlp " + Stream.concat(Stream.concat(Stream.of(inputs), hidden.stream()), Stream.of(classes))
          .map(String::valueOf).collect(Collectors.joining("-"));
    }
  }

  /** The two-convolution CNN over {@code channels × height × width} images. */
  record Cnn(int channels, int height, int width, int filters1, int filters2, int classes) implements ArchitectureDescription {
    @Override
    public String text() {
      return "cnn " + channels + "x" + height + "x" + width + " conv" + filters1 + "-conv" + filters2 + "-" + classes;
    }
  }
}
