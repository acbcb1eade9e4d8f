package io.invstream.trainer.session;

import io.invstream.schemas.Example;
import io.invstream.schemas.FeatureVectors;
import io.invstream.trainer.step.EnvironmentBatch;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.ArrayList;

/** Turns examples (as they travel on Kafka) into the trainer's per-environment batches. */
public final class ExampleBatches {

  private ExampleBatches() {}

  /** Examples grouped by environment, environments in name order so pair metrics are stable. */
  public static Map<String, List<Example>> byEnvironment(List<Example> examples) {
    Map<String, List<Example>> groups = new TreeMap<>();
    for (Example example : examples) {
      groups.computeIfAbsent(example.getEnvironment(), e -> new ArrayList<>()).add(example);
    }
    return groups;
  }

  /**
   * One environment's examples as a batch; masks and weights are kept only when some example has one.
   *
   * @throws IllegalArgumentException if feature counts differ
   */
  public static EnvironmentBatch toBatch(String environment, List<Example> examples) {
    int rows = examples.size();
    int cols = FeatureVectors.length(examples.get(0).getFeatures());
    float[] features = new float[rows * cols];
    int[] labels = new int[rows];
    boolean anyMask = examples.stream().anyMatch(e -> e.getMask() != null);
    boolean anyWeight = examples.stream().anyMatch(e -> e.getWeight() != null);
    float[] mask = anyMask ? new float[rows * cols] : null;
    float[] weights = anyWeight ? new float[rows] : null;
    for (int r = 0; r < rows; r++) {
      Example example = examples.get(r);
      copy(example.getFeatures(), features, r, cols, example.getId());
      labels[r] = example.getLabel();
      if (mask != null && example.getMask() != null) {
        copy(example.getMask(), mask, r, cols, example.getId());
      }
      if (weights != null) {
        weights[r] = example.getWeight() == null ? 1f : example.getWeight();
      }
    }
    return new EnvironmentBatch(environment, rows, cols, features, labels, mask, weights);
  }

  private static void copy(ByteBuffer source, float[] target, int row, int cols, String id) {
    if (source.remaining() != cols * Float.BYTES) {
      throw new IllegalArgumentException("Example " + id + " has " + source.remaining() / Float.BYTES
          + " values where the batch has " + cols + " features");
    }
    source.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(target, row * cols, cols);
  }
}
