package io.invstream.datasets.file;

import io.invstream.schemas.validation.RejectReason;
import io.invstream.schemas.Example;
import io.invstream.schemas.FeatureVectors;
import java.time.Instant;

/**
 * Holds the feature dimension of one read and builds the examples: the dimension is the configured one, or else the
 * first accepted row's, and every later row is checked against it.
 */
final class ExampleAssembler {

  private int featureCount;
  private String fixedBy;

  ExampleAssembler(ReadOptions options) {
    this.featureCount = options.featureCount();
    this.fixedBy = "set by ReadOptions.featureCount";
  }

  /** Rejects features whose count differs from the fixed dimension, and empty feature vectors. */
  void checkDimension(float[] features) throws RowRejection {
    if (features.length == 0) {
      throw new RowRejection(RejectReason.WRONG_DIMENSION, "the row has no features");
    }
    if (featureCount != 0 && features.length != featureCount) {
      throw new RowRejection(RejectReason.WRONG_DIMENSION, "the row has " + features.length
          + " features, expected " + featureCount + " (" + fixedBy + ")");
    }
  }

  /** Rejects a mask whose length differs from the features'. */
  static void checkMask(float[] mask, float[] features) throws RowRejection {
    if (mask != null && mask.length != features.length) {
      throw new RowRejection(RejectReason.BAD_MASK, "the mask has " + mask.length + " values but the row has "
          + features.length + " features");
    }
  }

  /** Builds the example and, for the first accepted row, fixes the dimension. */
  ReadResult.Accepted accept(String location, String environment, String id, Instant time, float[] features,
      int label, float[] mask, Float weight) {
    if (featureCount == 0) {
      featureCount = features.length;
      fixedBy = "fixed by the first accepted row, " + location;
    }
    Example example = Example.newBuilder().setEnvironment(environment).setId(id).setEventTime(time)
        .setFeatures(FeatureVectors.encode(features)).setLabel(label)
        .setMask(mask == null ? null : FeatureVectors.encode(mask)).setWeight(weight).build();
    return new ReadResult.Accepted(location, example);
  }
}
