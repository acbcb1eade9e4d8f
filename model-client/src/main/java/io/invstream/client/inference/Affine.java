package io.invstream.client.inference;

/** One fully connected layer {@code out = act(W x + b)} with W stored {@code [out, in]} row-major, as the trainer stores it. */
final class Affine {

  private Affine() {}

  /**
   * Writes {@code out[o] = b[o] + Σ_i W[o, i]·x[i]}, clamped at zero when {@code relu}.
   *
   * <p>Sums run in double: closer to the exact value than any float order, so the result stays
   * within float rounding of the trainer's BLAS whatever order that sums in.
   */
  static void apply(float[] weight, float[] bias, float[] x, boolean relu, float[] out) {
    int in = x.length;
    for (int o = 0; o < out.length; o++) {
      double sum = bias[o];
      int row = o * in;
      for (int i = 0; i < in; i++) {
        sum += (double) weight[row + i] * x[i];
      }
      float value = (float) sum;
      out[o] = relu && value < 0f ? 0f : value;
    }
  }
}
