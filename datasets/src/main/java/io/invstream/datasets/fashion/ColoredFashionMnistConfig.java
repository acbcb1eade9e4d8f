package io.invstream.datasets.fashion;

import io.invstream.datasets.file.PixelScale;
import java.util.List;
import java.util.Objects;

/**
 * Parameters of {@link ColoredFashionMnist}. Defaults follow the IRM paper's Colored MNIST.
 *
 * @param seed fixes the shuffle of the training pool, the label noise and the colours
 * @param classSplit how the ten classes become the binary label
 * @param labelNoise probability that the binary label is flipped (0.25)
 * @param trainingColourFlips per training environment, the probability that the colour is not the label's; their
 *     number is the number of training environments ({@code [0.1, 0.2]})
 * @param testColourFlip the same probability in the test environment (0.9)
 * @param trainingPoolSize training-file images with a smaller index form the training pool, the rest the test
 *     environment (50 000 of Fashion-MNIST's 60 000, as IRM's 50 000 / 10 000 split of MNIST)
 * @param downsampling how 28×28 becomes 14×14
 * @param pixelScale the pixel scale ({@link PixelScale#UNIT} as in the IRM code)
 */
public record ColoredFashionMnistConfig(long seed, BinaryClassSplit classSplit, double labelNoise,
    List<Double> trainingColourFlips, double testColourFlip, int trainingPoolSize, Downsampling downsampling,
    PixelScale pixelScale) {

  public ColoredFashionMnistConfig {
    Objects.requireNonNull(classSplit, "classSplit");
    Objects.requireNonNull(downsampling, "downsampling");
    Objects.requireNonNull(pixelScale, "pixelScale");
    trainingColourFlips = List.copyOf(trainingColourFlips);
    if (trainingColourFlips.isEmpty()) {
      throw new IllegalArgumentException("trainingColourFlips needs one probability per training environment,"
          + " got none");
    }
    requireProbability("labelNoise", labelNoise);
    requireProbability("testColourFlip", testColourFlip);
    for (double flip : trainingColourFlips) {
      requireProbability("trainingColourFlips element", flip);
    }
    if (trainingPoolSize < trainingColourFlips.size()) {
      throw new IllegalArgumentException("trainingPoolSize " + trainingPoolSize + " leaves some of the "
          + trainingColourFlips.size() + " training environments empty");
    }
  }

  /** The IRM protocol: 25 % label noise, colour flips 0.1 and 0.2 in training and 0.9 in test, stride-2, [0, 1]. */
  public static ColoredFashionMnistConfig defaults(long seed) {
    return new ColoredFashionMnistConfig(seed, BinaryClassSplit.FOOTWEAR_VS_CLOTHING, 0.25, List.of(0.1, 0.2), 0.9,
        50_000, Downsampling.STRIDE_2, PixelScale.UNIT);
  }

  public ColoredFashionMnistConfig withClassSplit(BinaryClassSplit split) {
    return new ColoredFashionMnistConfig(seed, split, labelNoise, trainingColourFlips, testColourFlip,
        trainingPoolSize, downsampling, pixelScale);
  }

  public ColoredFashionMnistConfig withTrainingColourFlips(List<Double> flips) {
    return new ColoredFashionMnistConfig(seed, classSplit, labelNoise, flips, testColourFlip, trainingPoolSize,
        downsampling, pixelScale);
  }

  public ColoredFashionMnistConfig withTrainingPoolSize(int size) {
    return new ColoredFashionMnistConfig(seed, classSplit, labelNoise, trainingColourFlips, testColourFlip, size,
        downsampling, pixelScale);
  }

  public ColoredFashionMnistConfig withDownsampling(Downsampling mode) {
    return new ColoredFashionMnistConfig(seed, classSplit, labelNoise, trainingColourFlips, testColourFlip,
        trainingPoolSize, mode, pixelScale);
  }

  public ColoredFashionMnistConfig withPixelScale(PixelScale scale) {
    return new ColoredFashionMnistConfig(seed, classSplit, labelNoise, trainingColourFlips, testColourFlip,
        trainingPoolSize, downsampling, scale);
  }

  private static void requireProbability(String name, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(name + " must be a probability in [0, 1], got " + p);
    }
  }
}
