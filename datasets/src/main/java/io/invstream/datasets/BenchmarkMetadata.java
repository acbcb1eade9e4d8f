package io.invstream.datasets;

import io.invstream.datasets.file.PixelScale;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a consumer of a benchmark data set needs to know before the first example: dimensions, classes, environments.
 *
 * @param name the data set's name, e.g. {@code colored-fashion-mnist}
 * @param featureCount features per example; equals {@code imageShape.featureCount()}
 * @param classNames the name of each class index, so {@code classNames.size()} is the class count
 * @param imageShape how the features form an image
 * @param pixelScale the scale of the pixel values
 * @param annotated whether examples carry an annotation mask (features that must be irrelevant)
 * @param trainingEnvironments environments to train on, in order
 * @param testEnvironments held-out environments, for evaluation only
 * @param environmentSizes examples per environment
 */
public record BenchmarkMetadata(String name, int featureCount, List<String> classNames, ImageShape imageShape,
    PixelScale pixelScale, boolean annotated, List<String> trainingEnvironments, List<String> testEnvironments,
    Map<String, Integer> environmentSizes) {

  public BenchmarkMetadata {
    classNames = List.copyOf(classNames);
    trainingEnvironments = List.copyOf(trainingEnvironments);
    testEnvironments = List.copyOf(testEnvironments);
    environmentSizes = Map.copyOf(environmentSizes);
    if (featureCount != imageShape.featureCount()) {
      throw new IllegalArgumentException(featureCount + " features do not fill an image of " + imageShape);
    }
  }

  public int classCount() {
    return classNames.size();
  }

  /** Training environments first, then test environments. */
  public List<String> environments() {
    List<String> all = new ArrayList<>(trainingEnvironments);
    all.addAll(testEnvironments);
    return all;
  }

  public boolean isTestEnvironment(String environment) {
    return testEnvironments.contains(environment);
  }

  /**
   * The size of {@code environment}.
   *
   * @throws IllegalArgumentException naming the known environments, if it is not one of them
   */
  public int requireEnvironment(String environment) {
    Integer size = environmentSizes.get(environment);
    if (size == null) {
      throw new IllegalArgumentException("Unknown environment '" + environment + "' in " + name + "; it has "
          + environments());
    }
    return size;
  }
}
