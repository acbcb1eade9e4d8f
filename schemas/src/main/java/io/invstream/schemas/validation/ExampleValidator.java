package io.invstream.schemas.validation;

import io.invstream.schemas.Example;
import io.invstream.schemas.FeatureVectors;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Checks that an example can reach the model: labelled, finite, of the pipeline's dimension, with a
 * well-formed mask and weight. NaN and Inf are refused here so they never reach a gradient.
 *
 * @param featureCount expected feature count, or 0 to accept any
 * @param classes number of classes, or 0 to accept any non-negative label
 */
public record ExampleValidator(int featureCount, int classes) {

  /** The first problem found, or empty if the example is usable. */
  public Optional<Rejection> check(Example example) {
    if (example.getEnvironment() == null || example.getEnvironment().isBlank()) {
      return reject(RejectReason.WRONG_ENVIRONMENT, "example " + example.getId() + " names no environment");
    }
    if (example.getLabel() == null) {
      return reject(RejectReason.MISSING_LABEL, "example " + example.getId() + " has no label");
    }
    int label = example.getLabel();
    if (label < 0 || (classes > 0 && label >= classes)) {
      return reject(RejectReason.BAD_LABEL, "example " + example.getId() + " has label " + label
          + (classes > 0 ? ", outside 0.." + (classes - 1) : ", which is negative"));
    }
    ByteBuffer features = example.getFeatures();
    if (features.remaining() % Float.BYTES != 0) {
      return reject(RejectReason.WRONG_DIMENSION, "example " + example.getId() + " has " + features.remaining()
          + " feature bytes, not a whole number of float32 values");
    }
    int count = FeatureVectors.length(features);
    if (featureCount > 0 && count != featureCount) {
      return reject(RejectReason.WRONG_DIMENSION, "example " + example.getId() + " has " + count
          + " features; this pipeline expects " + featureCount);
    }
    int bad = firstNonFinite(FeatureVectors.decode(features));
    if (bad >= 0) {
      return reject(RejectReason.NON_FINITE, "example " + example.getId() + " has a NaN or infinite value in feature " + bad);
    }
    Optional<Rejection> mask = checkMask(example, count);
    if (mask.isPresent()) {
      return mask;
    }
    Float weight = example.getWeight();
    if (weight != null && !(Float.isFinite(weight) && weight >= 0)) {
      return reject(RejectReason.BAD_WEIGHT, "example " + example.getId() + " has weight " + weight + "; weights must be finite and >= 0");
    }
    return Optional.empty();
  }

  private static Optional<Rejection> checkMask(Example example, int count) {
    ByteBuffer mask = example.getMask();
    if (mask == null) {
      return Optional.empty();
    }
    if (mask.remaining() != count * Float.BYTES) {
      return reject(RejectReason.BAD_MASK, "example " + example.getId() + " has a mask of " + mask.remaining() / (double) Float.BYTES
          + " values for " + count + " features");
    }
    int bad = firstNonFinite(FeatureVectors.decode(mask));
    if (bad >= 0) {
      return reject(RejectReason.BAD_MASK, "example " + example.getId() + " has a NaN or infinite mask value at " + bad);
    }
    return Optional.empty();
  }

  private static int firstNonFinite(float[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        return i;
      }
    }
    return -1;
  }

  private static Optional<Rejection> reject(RejectReason reason, String message) {
    return Optional.of(new Rejection(reason, message));
  }
}
