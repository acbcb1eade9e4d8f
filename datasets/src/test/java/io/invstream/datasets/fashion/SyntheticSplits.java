package io.invstream.datasets.fashion;

import io.invstream.datasets.file.LabelledImages;
import java.util.SplittableRandom;

/** Small fake Fashion-MNIST splits, so the protocols are tested without the real files. */
final class SyntheticSplits {

  private SyntheticSplits() {}

  /** {@code count} 28×28 images of random pixels 1-255 (never 0: no coloured channel is blank), labels i mod 10. */
  static LabelledImages of(String source, int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] pixels = new byte[count * 28 * 28];
    for (int k = 0; k < pixels.length; k++) {
      pixels[k] = (byte) (1 + random.nextInt(255));
    }
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = i % 10;
    }
    return new LabelledImages(source, 28, 28, pixels, labels);
  }
}
