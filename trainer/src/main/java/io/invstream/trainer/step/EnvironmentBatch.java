package io.invstream.trainer.step;

import java.util.Arrays;
import java.util.Objects;

/**
 * One environment's examples for a training step, evaluation or prediction. Immutable: arrays
 * are copied in and out.
 *
 * @param environment environment name (a Kafka topic's environment)
 * @param rows number of examples, positive
 * @param cols features per example, positive; must equal the model's input size
 * @param features {@code rows × cols} values, row-major
 * @param labels {@code rows} class indices in {@code [0, classes)}
 * @param mask per-feature annotation ({@code rows × cols}, RRR: 1 where the feature must be
 *     irrelevant) or {@code null}
 * @param weights per-example non-negative weights ({@code rows}) or {@code null} for all ones
 */
public record EnvironmentBatch(
    String environment, int rows, int cols, float[] features, int[] labels, float[] mask, float[] weights) {

  /** Validates sizes and copies the arrays. */
  public EnvironmentBatch {
    Objects.requireNonNull(environment, "environment");
    if (rows <= 0 || cols <= 0) {
      throw new IllegalArgumentException(
          "environment '" + environment + "': rows and cols must be positive, got " + rows + "×" + cols);
    }
    features = requireLength(environment, "features", features, (long) rows * cols).clone();
    labels = labels.clone();
    if (labels.length != rows) {
      throw new IllegalArgumentException(
          "environment '" + environment + "': " + labels.length + " labels for " + rows + " rows");
    }
    for (int i = 0; i < rows; i++) {
      if (labels[i] < 0) {
        throw new IllegalArgumentException(
            "environment '" + environment + "': label " + labels[i] + " at row " + i + " is negative");
      }
    }
    mask = mask == null ? null : requireLength(environment, "mask", mask, (long) rows * cols).clone();
    weights = weights == null ? null : requireLength(environment, "weights", weights, rows).clone();
    if (weights != null) {
      double total = 0;
      for (float w : weights) {
        if (!(w >= 0) || Float.isInfinite(w)) {
          throw new IllegalArgumentException(
              "environment '" + environment + "': weights must be finite and non-negative, got " + w);
        }
        total += w;
      }
      if (total == 0) {
        throw new IllegalArgumentException("environment '" + environment + "': weights sum to zero");
      }
    }
  }

  /** A batch without annotation mask or weights. */
  public static EnvironmentBatch of(String environment, int rows, int cols, float[] features, int[] labels) {
    return new EnvironmentBatch(environment, rows, cols, features, labels, null, null);
  }

  @Override
  public float[] features() {
    return features.clone();
  }

  @Override
  public int[] labels() {
    return labels.clone();
  }

  @Override
  public float[] mask() {
    return mask == null ? null : mask.clone();
  }

  @Override
  public float[] weights() {
    return weights == null ? null : weights.clone();
  }

  /** The features without a copy, for uploading; callers in this package never modify it. */
  float[] featureArray() {
    return features;
  }

  int label(int row) {
    return labels[row];
  }

  float[] maskArray() {
    return mask;
  }

  float[] weightArray() {
    return weights;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EnvironmentBatch b
        && environment.equals(b.environment)
        && rows == b.rows
        && cols == b.cols
        && Arrays.equals(features, b.features)
        && Arrays.equals(labels, b.labels)
        && Arrays.equals(mask, b.mask)
        && Arrays.equals(weights, b.weights);
  }

  @Override
  public int hashCode() {
    return Objects.hash(environment, rows, cols, Arrays.hashCode(features), Arrays.hashCode(labels));
  }

  @Override
  public String toString() {
    return "EnvironmentBatch[" + environment + ", " + rows + "×" + cols
        + (mask != null ? ", mask" : "") + (weights != null ? ", weights" : "") + "]";
  }

  private static float[] requireLength(String environment, String what, float[] values, long expected) {
    if (values.length != expected) {
      throw new IllegalArgumentException(
          "environment '" + environment + "': " + what + " has " + values.length + " values, expected " + expected);
    }
    return values;
  }
}
