package io.invstream.client;

/** Row softmax and arg-max computed as the trainer computes them, so probabilities agree to float rounding. */
final class Softmax {

  private Softmax() {}

  /** Probabilities of {@code logits}: {@code exp(z − max)} in float, summed in double. */
  static Prediction of(float[] logits) {
    float max = Float.NEGATIVE_INFINITY;
    for (float z : logits) {
      max = Math.max(max, z);
    }
    float[] p = new float[logits.length];
    double sum = 0;
    for (int c = 0; c < logits.length; c++) {
      p[c] = (float) Math.exp(logits[c] - max);
      sum += p[c];
    }
    float inverse = (float) (1.0 / sum);
    int label = 0;
    for (int c = 0; c < p.length; c++) {
      p[c] *= inverse;
      if (p[c] > p[label]) {
        label = c;
      }
    }
    return new Prediction(label, p);
  }
}
