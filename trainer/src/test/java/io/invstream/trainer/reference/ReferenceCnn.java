package io.invstream.trainer.reference;

/**
 * Direct (no im2col) convolution network: input {@code [C, H, W]} per example, conv3×3 pad 1,
 * ReLU, 2×2 max pool, twice, then flatten in (y, x, channel) order and a dense layer.
 */
public final class ReferenceCnn implements ReferenceModel {

  private final int c;
  private final int h;
  private final int w;
  private final int f1;
  private final int f2;
  private final int classes;

  public ReferenceCnn(int channels, int height, int width, int filters1, int filters2, int classes) {
    this.c = channels;
    this.h = height;
    this.w = width;
    this.f1 = filters1;
    this.f2 = filters2;
    this.classes = classes;
  }

  @Override
  public Output forward(double[] p, double[][] inputs) {
    int n = inputs.length;
    double[][] logits = new double[n][];
    double[][] features = new double[n][];
    int w0 = 0;
    int b0 = w0 + f1 * c * 9;
    int w1 = b0 + f1;
    int b1 = w1 + f2 * f1 * 9;
    int wd = b1 + f2;
    int d = (h / 4) * (w / 4) * f2;
    int bd = wd + classes * d;
    for (int e = 0; e < n; e++) {
      double[][][] image = new double[c][h][w];
      for (int ch = 0; ch < c; ch++) {
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            image[ch][y][x] = inputs[e][(ch * h + y) * w + x];
          }
        }
      }
      double[][][] a = pool(relu(conv(image, p, w0, b0, f1)));
      double[][][] b = pool(relu(conv(a, p, w1, b1, f2)));
      double[] flat = new double[d];
      for (int y = 0; y < h / 4; y++) {
        for (int x = 0; x < w / 4; x++) {
          for (int f = 0; f < f2; f++) {
            flat[(y * (w / 4) + x) * f2 + f] = b[f][y][x];
          }
        }
      }
      features[e] = flat;
      logits[e] = new double[classes];
      for (int k = 0; k < classes; k++) {
        double s = p[bd + k];
        for (int j = 0; j < d; j++) {
          s += p[wd + k * d + j] * flat[j];
        }
        logits[e][k] = s;
      }
    }
    return new Output(logits, features);
  }

  private static double[][][] conv(double[][][] in, double[] p, int weight, int bias, int filters) {
    int channels = in.length;
    int h = in[0].length;
    int w = in[0][0].length;
    double[][][] out = new double[filters][h][w];
    for (int f = 0; f < filters; f++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double s = p[bias + f];
          for (int ch = 0; ch < channels; ch++) {
            for (int ky = 0; ky < 3; ky++) {
              for (int kx = 0; kx < 3; kx++) {
                int iy = y + ky - 1;
                int ix = x + kx - 1;
                if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                  s += p[weight + ((f * channels + ch) * 3 + ky) * 3 + kx] * in[ch][iy][ix];
                }
              }
            }
          }
          out[f][y][x] = s;
        }
      }
    }
    return out;
  }

  private static double[][][] relu(double[][][] a) {
    for (double[][] plane : a) {
      for (double[] row : plane) {
        for (int i = 0; i < row.length; i++) {
          row[i] = Math.max(row[i], 0);
        }
      }
    }
    return a;
  }

  private static double[][][] pool(double[][][] a) {
    int h = a[0].length / 2;
    int w = a[0][0].length / 2;
    double[][][] out = new double[a.length][h][w];
    for (int f = 0; f < a.length; f++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          out[f][y][x] =
              Math.max(
                  Math.max(a[f][2 * y][2 * x], a[f][2 * y][2 * x + 1]),
                  Math.max(a[f][2 * y + 1][2 * x], a[f][2 * y + 1][2 * x + 1]));
        }
      }
    }
    return out;
  }
}
