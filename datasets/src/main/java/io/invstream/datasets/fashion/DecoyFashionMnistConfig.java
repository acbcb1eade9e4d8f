package io.invstream.datasets.fashion;

import io.invstream.datasets.file.PixelScale;
import java.util.Objects;

/**
 * Parameters of {@link DecoyFashionMnist}.
 *
 * @param seed fixes every swatch's corner and, in the test environment, its shade
 * @param pixelScale the pixel scale; {@link PixelScale#RAW} (0-255) as in Ross et al.'s Decoy MNIST, whose
 *     hyperparameters (penalty weight 1000) are tuned for that scale
 */
public record DecoyFashionMnistConfig(long seed, PixelScale pixelScale) {

  public DecoyFashionMnistConfig {
    Objects.requireNonNull(pixelScale, "pixelScale");
  }

  /** Raw 0-255 pixels, as in the paper. */
  public static DecoyFashionMnistConfig defaults(long seed) {
    return new DecoyFashionMnistConfig(seed, PixelScale.RAW);
  }

  public DecoyFashionMnistConfig withPixelScale(PixelScale scale) {
    return new DecoyFashionMnistConfig(seed, scale);
  }
}
