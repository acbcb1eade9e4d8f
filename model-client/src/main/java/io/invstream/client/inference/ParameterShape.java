package io.invstream.client.inference;

import java.util.List;

/**
 * The name and shape of one parameter tensor an architecture expects, in the trainer's (PyTorch's)
 * layout: {@code weight [out, in]}, conv {@code [F, C, 3, 3]}, bias {@code [out]}.
 *
 * @param name e.g. {@code dense0.weight}
 * @param shape dimensions, outermost first
 */
public record ParameterShape(String name, List<Integer> shape) {

  /** Copies the shape. */
  public ParameterShape {
    shape = List.copyOf(shape);
  }

  static ParameterShape of(String name, int... dims) {
    return new ParameterShape(name, java.util.Arrays.stream(dims).boxed().toList());
  }

  /** Number of elements: the product of the dimensions. */
  public long elements() {
    long product = 1;
    for (int dim : shape) {
      product *= dim;
    }
    return product;
  }
}
