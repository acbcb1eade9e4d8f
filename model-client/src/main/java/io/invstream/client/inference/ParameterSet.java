package io.invstream.client.inference;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Checks that a map of tensors is exactly what an architecture needs before a forward pass is built over it. */
final class ParameterSet {

  private ParameterSet() {}

  /**
   * The tensors of {@code expected}, in its order, after checking names, sizes and finiteness.
   *
   * @throws IllegalArgumentException naming the first problem found
   */
  static float[][] require(String architecture, List<ParameterShape> expected, Map<String, float[]> parameters) {
    Set<String> unexpected = new TreeSet<>(parameters.keySet());
    expected.forEach(shape -> unexpected.remove(shape.name()));
    if (!unexpected.isEmpty()) {
      throw new IllegalArgumentException("tensors " + unexpected + " are not parameters of '" + architecture + "'");
    }
    float[][] tensors = new float[expected.size()][];
    for (int i = 0; i < expected.size(); i++) {
      ParameterShape shape = expected.get(i);
      float[] values = parameters.get(shape.name());
      if (values == null) {
        throw new IllegalArgumentException("tensor '" + shape.name() + "' of '" + architecture + "' is missing");
      }
      if (values.length != shape.elements()) {
        throw new IllegalArgumentException("tensor '" + shape.name() + "' has " + values.length + " values; shape "
            + shape.shape() + " of '" + architecture + "' needs " + shape.elements());
      }
      requireFinite(shape.name(), values);
      tensors[i] = values.clone();
    }
    return tensors;
  }

  private static void requireFinite(String name, float[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException("tensor '" + name + "' holds " + values[i] + " at element " + i);
      }
    }
  }
}
