package io.invstream.trainer.model;

import io.invstream.schemas.architecture.ArchitectureDescription;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.random.RandomGenerator;

/**
 * Small CNN for images: conv3×3 (pad 1) → ReLU → 2×2 max-pool → conv3×3 → ReLU → 2×2 max-pool →
 * dense. Its features h are the flattened output of the second pool.
 *
 * <p>Input rows are images in channels-first order {@code [C, H, W]} flattened (how a PyTorch
 * {@code [C, H, W]} tensor flattens); the features are flattened channels-last {@code [H/4, W/4,
 * F2]}, which is the column order of {@code dense0.weight}.
 *
 * @param channels C
 * @param height H, divisible by 4
 * @param width W, divisible by 4
 * @param filters1 output channels of the first convolution
 * @param filters2 output channels of the second convolution
 * @param classes number of classes
 */
public record Cnn(int channels, int height, int width, int filters1, int filters2, int classes)
    implements ModelSpec {

  /** Validates sizes. */
  public Cnn {
    Mlp.requirePositive("channels", channels);
    Mlp.requirePositive("filters1", filters1);
    Mlp.requirePositive("filters2", filters2);
    if (height <= 0 || width <= 0 || height % 4 != 0 || width % 4 != 0) {
      throw new IllegalArgumentException(
          "image height and width must be positive multiples of 4 (two 2×2 pools), got " + height + "×" + width);
    }
    Mlp.requireClasses(classes);
  }

  /** 28×28 images with {@code channels} channels, 8 and 16 filters. */
  public static Cnn mnist(int channels, int classes) {
    return new Cnn(channels, 28, 28, 8, 16, classes);
  }

  @Override
  public int inputs() {
    return channels * height * width;
  }

  /** Width of the features: {@code (H/4)·(W/4)·filters2}. */
  public int featureSize() {
    return (height / 4) * (width / 4) * filters2;
  }

  @Override
  public Model build(TensorBackend backend, RandomGenerator random) {
    return new ConvNetwork(backend, this, random);
  }

  @Override
  public String describe() {
    return new ArchitectureDescription.Cnn(channels, height, width, filters1, filters2, classes).text();
  }
}
