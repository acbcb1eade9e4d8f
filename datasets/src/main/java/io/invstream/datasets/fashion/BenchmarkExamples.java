package io.invstream.datasets.fashion;

import io.invstream.datasets.file.LabelledImages;
import io.invstream.schemas.Example;
import io.invstream.schemas.FeatureVectors;
import java.time.Instant;

/** Builds the examples of the Fashion-MNIST benchmarks, so ids and event times follow one convention. */
final class BenchmarkExamples {

  private static final int CLASSES = 10;

  private BenchmarkExamples() {}

  /**
   * An example with id {@code <split>[<index in the split's files>]} (e.g. {@code train[123]}) and event time
   * {@code position} milliseconds after the epoch, so event time follows the environment's order.
   */
  static Example of(String environment, LabelledImages source, int sourceIndex, int position, float[] features,
      int label, float[] mask) {
    return Example.newBuilder().setEnvironment(environment).setId(source.source() + "[" + sourceIndex + "]")
        .setEventTime(Instant.ofEpochMilli(position)).setFeatures(FeatureVectors.encode(features)).setLabel(label)
        .setMask(mask == null ? null : FeatureVectors.encode(mask)).build();
  }

  /** Fails on images that are not 28×28 or labels outside 0-9: the files are not Fashion-MNIST. */
  static void requireFashionMnist(LabelledImages images) {
    if (images.rows() != 28 || images.columns() != 28) {
      throw new IllegalArgumentException(images.source() + " holds " + images.rows() + "×" + images.columns()
          + " images; Fashion-MNIST images are 28×28");
    }
    for (int i = 0; i < images.count(); i++) {
      if (images.label(i) >= CLASSES) {
        throw new IllegalArgumentException(images.source() + " image " + i + " has label " + images.label(i)
            + "; Fashion-MNIST labels are 0-9");
      }
    }
  }
}
