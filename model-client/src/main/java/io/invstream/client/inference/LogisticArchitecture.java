package io.invstream.client.inference;

import io.invstream.schemas.architecture.ArchitectureDescription;
import java.util.List;
import java.util.Map;

/**
 * Multinomial logistic regression {@code z = W x + b}: parameters {@code dense0.weight [classes,
 * inputs]} and {@code dense0.bias [classes]}.
 *
 * @param inputs features per example
 * @param classes number of classes
 */
public record LogisticArchitecture(int inputs, int classes) implements Architecture {

  /** Validates sizes. */
  public LogisticArchitecture {
    ArchitectureParser.requirePositive("inputs", inputs);
    ArchitectureParser.requireClasses(classes);
  }

  @Override
  public List<ParameterShape> parameters() {
    return DenseForward.parameters(widths());
  }

  @Override
  public String describe() {
    return new ArchitectureDescription.Logistic(inputs, classes).text();
  }

  @Override
  public Network network(Map<String, float[]> parameters) {
    return new DenseForward(widths(), ParameterSet.require(describe(), parameters(), parameters));
  }

  private int[] widths() {
    return new int[] {inputs, classes};
  }
}
