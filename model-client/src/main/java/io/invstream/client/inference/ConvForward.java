package io.invstream.client.inference;

/**
 * The forward pass of {@link CnnArchitecture}. Activations are kept channels-last {@code [H, W, F]}
 * as in the trainer, so the second pool's output is already the dense layer's column order.
 */
final class ConvForward implements Network {

  private static final int K = CnnArchitecture.KERNEL;

  private final CnnArchitecture architecture;
  private final float[] conv0Weight;
  private final float[] conv0Bias;
  private final float[] conv1Weight;
  private final float[] conv1Bias;
  private final float[] denseWeight;
  private final float[] denseBias;

  /** @param tensors validated tensors in the order of {@link CnnArchitecture#parameters()} */
  ConvForward(CnnArchitecture architecture, float[][] tensors) {
    this.architecture = architecture;
    this.conv0Weight = tensors[0];
    this.conv0Bias = tensors[1];
    this.conv1Weight = tensors[2];
    this.conv1Bias = tensors[3];
    this.denseWeight = tensors[4];
    this.denseBias = tensors[5];
  }

  @Override
  public int inputs() {
    return architecture.inputs();
  }

  @Override
  public int classes() {
    return architecture.classes();
  }

  @Override
  public void logits(float[] features, float[] logits) {
    Sizes.require(this, features, logits);
    int c = architecture.channels();
    int h = architecture.height();
    int w = architecture.width();
    int f1 = architecture.filters1();
    int f2 = architecture.filters2();
    // The input is channels-first: channel stride H·W, row stride W, column stride 1.
    float[] conv0 = convolve(features, new Image(h, w, c, h * w, w, 1), conv0Weight, conv0Bias, f1);
    float[] pool0 = pool(conv0, h, w, f1);
    // Pooled activations are channels-last: channel stride 1, row stride W·F, column stride F.
    float[] conv1 = convolve(pool0, new Image(h / 2, w / 2, f1, 1, (w / 2) * f1, f1), conv1Weight, conv1Bias, f2);
    float[] pool1 = pool(conv1, h / 2, w / 2, f2);
    Affine.apply(denseWeight, denseBias, pool1, false, logits);
  }

  /**
   * 3×3 convolution with zero padding 1, then ReLU, into a channels-last {@code [H, W, F]} image;
   * the weight {@code [F, C, 3, 3]} is read in PyTorch's order.
   */
  private static float[] convolve(float[] input, Image in, float[] weight, float[] bias, int filters) {
    float[] out = new float[in.height * in.width * filters];
    for (int y = 0; y < in.height; y++) {
      for (int x = 0; x < in.width; x++) {
        int pixel = (y * in.width + x) * filters;
        for (int f = 0; f < filters; f++) {
          double sum = bias[f];
          for (int ch = 0; ch < in.channels; ch++) {
            int kernel = (f * in.channels + ch) * K * K;
            for (int ky = 0; ky < K; ky++) {
              int iy = y + ky - 1;
              if (iy < 0 || iy >= in.height) {
                continue;
              }
              for (int kx = 0; kx < K; kx++) {
                int ix = x + kx - 1;
                if (ix >= 0 && ix < in.width) {
                  sum += (double) weight[kernel + ky * K + kx] * input[in.index(ch, iy, ix)];
                }
              }
            }
          }
          float value = (float) sum;
          out[pixel + f] = value < 0f ? 0f : value;
        }
      }
    }
    return out;
  }

  /** 2×2 max pooling with stride 2 of a channels-last {@code [H, W, C]} image. */
  private static float[] pool(float[] in, int height, int width, int channels) {
    int outHeight = height / 2;
    int outWidth = width / 2;
    float[] out = new float[outHeight * outWidth * channels];
    for (int y = 0; y < outHeight; y++) {
      for (int x = 0; x < outWidth; x++) {
        int topLeft = ((2 * y) * width + 2 * x) * channels;
        int below = topLeft + width * channels;
        int o = (y * outWidth + x) * channels;
        for (int ch = 0; ch < channels; ch++) {
          float best = in[topLeft + ch];
          best = Math.max(best, in[topLeft + channels + ch]);
          best = Math.max(best, in[below + ch]);
          best = Math.max(best, in[below + channels + ch]);
          out[o + ch] = best;
        }
      }
    }
    return out;
  }

  /** Where pixel (channel, row, column) of an image lies in its flat array. */
  private record Image(int height, int width, int channels, int channelStride, int rowStride, int columnStride) {
    int index(int channel, int row, int column) {
      return channel * channelStride + row * rowStride + column * columnStride;
    }
  }
}
