package io.invstream.schemas.architecture;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pieces of the {@link ArchitectureDescription} grammar. */
final class ArchitectureGrammar {
  static final Pattern CNN = Pattern.compile("cnn (\\d+)x(\\d+)x(\\d+) conv(\\d+)-conv(\\d+)-(\\d+)");
  static final String FORMS = "expected 'logistic IN-K', 'mlp IN-H1-...-K' or 'cnn CxHxW convF1-convF2-K'";

  private ArchitectureGrammar() {}

  static int[] sizes(String text) {
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

  static int group(Matcher matcher, int index) {
    return Integer.parseInt(matcher.group(index));
  }
}
