package io.invstream.client.inference;

import io.invstream.schemas.architecture.ArchitectureDescription;
import java.util.List;
import java.util.Map;

/**
 * The trainer's small CNN: conv3×3 (padding 1) → ReLU → 2×2 max-pool → conv3×3 → ReLU → 2×2
 * max-pool → dense. Inputs are images channels-first {@code [C, H, W]} flattened; the dense layer
 * reads the second pool's output flattened channels-last {@code [H/4, W/4, F2]}.
 *
 * <p>Parameters: {@code conv0.weight [F1, C, 3, 3]}, {@code conv0.bias [F1]}, {@code conv1.weight
 * [F2, F1, 3, 3]}, {@code conv1.bias [F2]}, {@code dense0.weight [classes, (H/4)(W/4)F2]}, {@code
 * dense0.bias [classes]}.
 *
 * @param channels C
 * @param height H, a multiple of 4
 * @param width W, a multiple of 4
 * @param filters1 output channels of the first convolution
 * @param filters2 output channels of the second convolution
 * @param classes number of classes
 */
public record CnnArchitecture(int channels, int height, int width, int filters1, int filters2, int classes)
    implements Architecture {

  static final int KERNEL = 3;

  /** Validates sizes. */
  public CnnArchitecture {
    ArchitectureParser.requirePositive("channels", channels);
    ArchitectureParser.requirePositive("filters1", filters1);
    ArchitectureParser.requirePositive("filters2", filters2);
    if (height <= 0 || width <= 0 || height % 4 != 0 || width % 4 != 0) {
      throw new IllegalArgumentException(
          "image height and width must be positive multiples of 4 (two 2×2 pools), got " + height + "×" + width);
    }
    ArchitectureParser.requireClasses(classes);
  }

  @Override
  public int inputs() {
    return channels * height * width;
  }

  /** Width of the dense layer's input: {@code (H/4)·(W/4)·F2}. */
  public int featureSize() {
    return (height / 4) * (width / 4) * filters2;
  }

  @Override
  public List<ParameterShape> parameters() {
    return List.of(
        ParameterShape.of("conv0.weight", filters1, channels, KERNEL, KERNEL),
        ParameterShape.of("conv0.bias", filters1),
        ParameterShape.of("conv1.weight", filters2, filters1, KERNEL, KERNEL),
        ParameterShape.of("conv1.bias", filters2),
        ParameterShape.of("dense0.weight", classes, featureSize()),
        ParameterShape.of("dense0.bias", classes));
  }

  @Override
  public String describe() {
    return new ArchitectureDescription.Cnn(channels, height, width, filters1, filters2, classes).text();
  }

  @Override
  public Network network(Map<String, float[]> parameters) {
    return new ConvForward(this, ParameterSet.require(describe(), parameters(), parameters));
  }
}
