package io.invstream.datasets;

/**
 * The shape of an image-valued feature vector: features are laid out channel-major, then row-major
 * ({@code index = (channel · height + row) · width + column}).
 *
 * @param channels colour channels
 * @param height rows
 * @param width columns
 */
public record ImageShape(int channels, int height, int width) {

  public ImageShape {
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException("image dimensions must be >= 1, got " + channels + "×" + height + "×"
          + width);
    }
  }

  /** Features per image: channels × height × width. */
  public int featureCount() {
    return channels * height * width;
  }

  /** The feature index of a pixel. */
  public int index(int channel, int row, int column) {
    return (channel * height + row) * width + column;
  }
}
