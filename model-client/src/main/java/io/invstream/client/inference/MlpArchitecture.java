package io.invstream.client.inference;

import io.invstream.schemas.architecture.ArchitectureDescription;
import java.util.List;
import java.util.Map;

/**
 * Multi-layer perceptron, ReLU after every hidden layer: parameters {@code dense<l>.weight [out,
 * in]} and {@code dense<l>.bias [out]} for l = 0 (input side) up to the classifier.
 *
 * @param inputs features per example
 * @param hidden widths of the hidden layers, input side first (at least one)
 * @param classes number of classes
 */
public record MlpArchitecture(int inputs, List<Integer> hidden, int classes) implements Architecture {

  /** Validates sizes. */
  public MlpArchitecture {
    ArchitectureParser.requirePositive("inputs", inputs);
    hidden = List.copyOf(hidden);
    if (hidden.isEmpty()) {
      throw new IllegalArgumentException("an MLP needs a hidden layer; 'logistic IN-K' has none");
    }
    hidden.forEach(width -> ArchitectureParser.requirePositive("hidden width", width));
    ArchitectureParser.requireClasses(classes);
  }

  @Override
  public List<ParameterShape> parameters() {
    return DenseForward.parameters(widths());
  }

  @Override
  public String describe() {
    return new ArchitectureDescription.Mlp(inputs, hidden, classes).text();
  }

  @Override
  public Network network(Map<String, float[]> parameters) {
    return new DenseForward(widths(), ParameterSet.require(describe(), parameters(), parameters));
  }

  private int[] widths() {
    int[] widths = new int[hidden.size() + 2];
    widths[0] = inputs;
    for (int i = 0; i < hidden.size(); i++) {
      widths[i + 1] = hidden.get(i);
    }
    widths[widths.length - 1] = classes;
    return widths;
  }
}
