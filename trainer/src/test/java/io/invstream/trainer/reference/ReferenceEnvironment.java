package io.invstream.trainer.reference;

import io.invstream.trainer.step.EnvironmentBatch;

/**
 * One environment's minibatch in a reference fixture. Features, weights and annotations are
 * float32-representable values stored as doubles, so the trainer and a float64 reference see the
 * same numbers.
 *
 * @param features {@code [rows][cols]}
 * @param labels class indices
 * @param weights per-example weights, or {@code null} for all ones
 * @param annotations {@code [rows][cols]} RRR annotation mask, or {@code null}
 */
public record ReferenceEnvironment(
    String name, double[][] features, int[] labels, double[] weights, double[][] annotations) {

  public int rows() {
    return labels.length;
  }

  /** The minibatch as the trainer takes it. */
  public EnvironmentBatch toBatch() {
    int cols = features[0].length;
    return new EnvironmentBatch(
        name, rows(), cols, floats(features), labels.clone(),
        annotations == null ? null : floats(annotations), weights == null ? null : floats(weights));
  }

  private static float[] floats(double[][] m) {
    float[] out = new float[m.length * m[0].length];
    for (int r = 0; r < m.length; r++) {
      for (int c = 0; c < m[r].length; c++) {
        out[r * m[0].length + c] = (float) m[r][c];
      }
    }
    return out;
  }

  private static float[] floats(double[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }
}
