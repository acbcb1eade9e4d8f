package io.invstream.datasets.fashion;

import io.invstream.schemas.Example;
import io.invstream.schemas.FeatureVectors;

/** Reads back what the benchmark examples hold, independently of how they were built. */
final class ImageExamples {

  private ImageExamples() {}

  static float[] features(Example example) {
    return FeatureVectors.decode(example.getFeatures());
  }

  static float[] mask(Example example) {
    return FeatureVectors.decode(example.getMask());
  }

  /** The image index in its split file, parsed from an id such as {@code train[123]}. */
  static int sourceIndex(Example example) {
    String id = example.getId();
    return Integer.parseInt(id.substring(id.indexOf('[') + 1, id.length() - 1));
  }

  /** Whether any of {@code length} features from {@code offset} is non-zero. */
  static boolean anyNonZero(float[] features, int offset, int length) {
    for (int k = offset; k < offset + length; k++) {
      if (features[k] != 0) {
        return true;
      }
    }
    return false;
  }

  /** Half-width of a 5-sigma interval for the frequency of an event of probability {@code p} in {@code n} trials. */
  static double tolerance(double p, int n) {
    return 5 * Math.sqrt(p * (1 - p) / n);
  }
}
