package io.invstream.client.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Small networks worked out by hand; {@code ClientInferenceEquivalenceTest} in the trainer checks real ones. */
class ForwardPassTest {

  @Test
  void logisticIsAnAffineMapWithWeightsStoredOutByIn() {
    Network network = Architecture.parse("logistic 2-3").network(Map.of(
        "dense0.weight", new float[] {1, 2, 3, 4, 5, 6}, "dense0.bias", new float[] {0.5f, 0, -1}));

    float[] logits = new float[3];
    network.logits(new float[] {1, -1}, logits);

    assertThat(logits).containsExactly(-0.5f, -1f, -2f);
  }

  @Test
  void mlpAppliesReluBetweenLayersButNotAfterTheLast() {
    Network network = Architecture.parse("mlp 1-2-2").network(Map.of(
        "dense0.weight", new float[] {1, -1}, "dense0.bias", new float[] {0, 0},
        "dense1.weight", new float[] {1, 1, -1, -1}, "dense1.bias", new float[] {0, -5}));

    float[] logits = new float[2];
    network.logits(new float[] {3}, logits);

    // hidden = relu([3, -3]) = [3, 0]; logits = [3, -3 - 5]
    assertThat(logits).containsExactly(3f, -8f);
  }

  @Test
  void cnnReadsChannelsFirstInputAndFeedsChannelsLastFeaturesToTheDenseLayer() {
    // 2 channels of 4×4; conv0 copies channel 1 (centre tap) into its single filter, conv1 copies it on;
    // after two pools the dense layer sees one pixel holding the maximum of channel 1.
    float[] conv0 = new float[1 * 2 * 9];
    conv0[9 + 4] = 1f;
    float[] conv1 = new float[9];
    conv1[4] = 1f;
    Network network = Architecture.parse("cnn 2x4x4 conv1-conv1-2").network(Map.of(
        "conv0.weight", conv0, "conv0.bias", new float[] {0},
        "conv1.weight", conv1, "conv1.bias", new float[] {0},
        "dense0.weight", new float[] {1, -2}, "dense0.bias", new float[] {0, 1}));
    float[] image = new float[32];
    image[3] = 100f;
    image[16 + 6] = 7f;
    image[16 + 9] = -4f;

    float[] logits = new float[2];
    network.logits(image, logits);

    assertThat(logits[0]).isCloseTo(7f, within(1e-6f));
    assertThat(logits[1]).isCloseTo(-13f, within(1e-6f));
  }

  @Test
  void cnnFlattensPooledFeaturesAsRowColumnChannel() {
    // 1×8×8 input, 2 filters (identity and negated identity), 8×8 → 2×2×2 features after two pools.
    float[] conv0 = new float[2 * 9];
    conv0[4] = 1f;
    conv0[9 + 4] = -1f;
    float[] conv1 = new float[2 * 2 * 9];
    conv1[4] = 1f;
    conv1[2 * 9 + 9 + 4] = 1f;
    float[] dense = new float[2 * 8];
    dense[(1 * 2 + 0) * 2 + 0] = 1f;
    dense[8 + (0 * 2 + 1) * 2 + 1] = 1f;
    Network network = Architecture.parse("cnn 1x8x8 conv2-conv2-2").network(Map.of(
        "conv0.weight", conv0, "conv0.bias", new float[2], "conv1.weight", conv1, "conv1.bias", new float[2],
        "dense0.weight", dense, "dense0.bias", new float[2]));
    float[] image = new float[64];
    image[5 * 8 + 2] = 9f;
    image[1 * 8 + 6] = -3f;

    float[] logits = new float[2];
    network.logits(image, logits);

    // Logit 0 reads (row 1, column 0, channel 0): the 9 in the bottom-left quarter.
    // Logit 1 reads (row 0, column 1, channel 1): the negated -3 in the top-right quarter.
    assertThat(logits).containsExactly(9f, 3f);
  }
}
