package io.invstream.client.inference;

import java.util.ArrayList;
import java.util.List;

/** The forward pass of logistic regression and MLPs: dense layers with ReLU between them, none after the last. */
final class DenseForward implements Network {

  private final int[] widths;
  private final float[][] weights;
  private final float[][] biases;

  /**
   * @param widths inputs, hidden widths, classes
   * @param tensors validated tensors in the order of {@link #parameters(int[])}
   */
  DenseForward(int[] widths, float[][] tensors) {
    this.widths = widths.clone();
    int layers = widths.length - 1;
    this.weights = new float[layers][];
    this.biases = new float[layers][];
    for (int l = 0; l < layers; l++) {
      weights[l] = tensors[2 * l];
      biases[l] = tensors[2 * l + 1];
    }
  }

  /** {@code dense<l>.weight [out, in]} and {@code dense<l>.bias [out]} for each layer. */
  static List<ParameterShape> parameters(int[] widths) {
    List<ParameterShape> shapes = new ArrayList<>();
    for (int l = 0; l + 1 < widths.length; l++) {
      shapes.add(ParameterShape.of("dense" + l + ".weight", widths[l + 1], widths[l]));
      shapes.add(ParameterShape.of("dense" + l + ".bias", widths[l + 1]));
    }
    return List.copyOf(shapes);
  }

  @Override
  public int inputs() {
    return widths[0];
  }

  @Override
  public int classes() {
    return widths[widths.length - 1];
  }

  @Override
  public void logits(float[] features, float[] logits) {
    Sizes.require(this, features, logits);
    float[] activation = features;
    int last = weights.length - 1;
    for (int l = 0; l <= last; l++) {
      float[] out = l == last ? logits : new float[widths[l + 1]];
      Affine.apply(weights[l], biases[l], activation, l < last, out);
      activation = out;
    }
  }
}
