package io.invstream.client.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the trainer's architecture descriptions; the grammar is the trainer's {@code ModelSpecs.parse}. */
final class ArchitectureParser {

  private static final Pattern CNN = Pattern.compile("cnn (\\d+)x(\\d+)x(\\d+) conv(\\d+)-conv(\\d+)-(\\d+)");
  private static final String FORMS = "expected 'logistic IN-K', 'mlp IN-H1-...-K' or 'cnn CxHxW convF1-convF2-K'";

  private ArchitectureParser() {}

  static Architecture parse(String description) {
    if (description == null) {
      throw new IllegalArgumentException("No architecture given; " + FORMS);
    }
    String text = description.strip();
    try {
      if (text.startsWith("logistic ")) {
        int[] sizes = sizes(text.substring("logistic ".length()));
        if (sizes.length != 2) {
          throw new IllegalArgumentException("logistic regression has exactly two sizes, inputs and classes");
        }
        return new LogisticArchitecture(sizes[0], sizes[1]);
      }
      if (text.startsWith("mlp ")) {
        int[] sizes = sizes(text.substring("mlp ".length()));
        List<Integer> hidden = new ArrayList<>();
        for (int i = 1; i < sizes.length - 1; i++) {
          hidden.add(sizes[i]);
        }
        return new MlpArchitecture(sizes[0], hidden, sizes[sizes.length - 1]);
      }
      Matcher cnn = CNN.matcher(text);
      if (cnn.matches()) {
        return new CnnArchitecture(group(cnn, 1), group(cnn, 2), group(cnn, 3), group(cnn, 4), group(cnn, 5), group(cnn, 6));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Malformed architecture '" + description + "': " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("Unknown architecture '" + description + "'; " + FORMS);
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
