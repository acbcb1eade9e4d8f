package io.invstream.datasets.fashion;

import io.invstream.datasets.file.LabelledImages;

/** How Colored Fashion-MNIST halves each image side (28×28 to 14×14). */
public enum Downsampling {
  /**
   * Keeps the pixels at even rows and columns ({@code image[::2, ::2]}), as the IRM paper's Colored MNIST code does;
   * the default, so results compare with published ones.
   */
  STRIDE_2,
  /** Averages each 2×2 block: smoother, keeps the thin textures of clothes that striding can alias away. */
  AVERAGE_2X2;

  /** The raw value (0-255, possibly fractional) of downsampled pixel {@code (row, column)} of image {@code i}. */
  double sample(LabelledImages images, int i, int row, int column) {
    if (this == STRIDE_2) {
      return images.pixel(i, 2 * row, 2 * column);
    }
    return (images.pixel(i, 2 * row, 2 * column) + images.pixel(i, 2 * row, 2 * column + 1)
        + images.pixel(i, 2 * row + 1, 2 * column) + images.pixel(i, 2 * row + 1, 2 * column + 1)) / 4.0;
  }
}
