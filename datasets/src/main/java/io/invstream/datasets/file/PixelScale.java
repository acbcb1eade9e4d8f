package io.invstream.datasets.file;

/** How raw pixel values become features. */
public enum PixelScale {
  /** As stored: 0-255 for unsigned-byte images. Ross et al.'s Decoy MNIST trains on this scale. */
  RAW,
  /** Divided by 255, so unsigned-byte pixels fall in [0, 1]. The IRM Colored MNIST code uses this scale. */
  UNIT;

  /** The feature value of a raw pixel value. */
  public float apply(double raw) {
    return this == RAW ? (float) raw : (float) (raw / 255.0);
  }
}
