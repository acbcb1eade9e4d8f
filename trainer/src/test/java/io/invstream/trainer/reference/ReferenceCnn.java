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

  @Override
  public double[][] tangent(double[] p, double[][] inputs, double[][] direction) {
    int n = inputs.length;
    double[][] out = new double[n][classes];
    int w0 = 0;
    int b0 = w0 + f1 * c * 9;
    int w1 = b0 + f1;
    int b1 = w1 + f2 * f1 * 9;
    int wd = b1 + f2;
    int d = (h / 4) * (w / 4) * f2;
    for (int e = 0; e < n; e++) {
      double[][][] image = planes(inputs[e]);
      double[][][] dImage = planes(direction[e]);
      // Primal pre-activations decide the ReLU masks and pool arg-maxes; the tangent is linear.
      double[][][] z0 = conv(image, p, w0, b0, f1);
      double[][][] t0 = masked(conv(dImage, p, w0, -1, f1), z0);
      double[][][] a0 = relu(copy(z0));
      double[][][] tp0 = poolTangent(a0, t0);
      double[][][] z1 = conv(pool(a0), p, w1, b1, f2);
      double[][][] t1 = masked(conv(tp0, p, w1, -1, f2), z1);
      double[][][] tp1 = poolTangent(relu(copy(z1)), t1);
      for (int k = 0; k < classes; k++) {
        double s = 0;
        for (int y = 0; y < h / 4; y++) {
          for (int x = 0; x < w / 4; x++) {
            for (int f = 0; f < f2; f++) {
              s += p[wd + k * d + (y * (w / 4) + x) * f2 + f] * tp1[f][y][x];
            }
          }
        }
        out[e][k] = s;
      }
    }
    return out;
  }

  private double[][][] planes(double[] row) {
    double[][][] image = new double[c][h][w];
    for (int ch = 0; ch < c; ch++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          image[ch][y][x] = row[(ch * h + y) * w + x];
        }
      }
    }
    return image;
  }

  private static double[][][] copy(double[][][] a) {
    double[][][] out = new double[a.length][][];
    for (int f = 0; f < a.length; f++) {
      out[f] = new double[a[f].length][];
      for (int y = 0; y < a[f].length; y++) {
        out[f][y] = a[f][y].clone();
      }
    }
    return out;
  }

  /** Zeroes the tangent where the primal pre-activation is not positive. */
  private static double[][][] masked(double[][][] tangent, double[][][] preActivation) {
    for (int f = 0; f < tangent.length; f++) {
      for (int y = 0; y < tangent[f].length; y++) {
        for (int x = 0; x < tangent[f][y].length; x++) {
          if (preActivation[f][y][x] <= 0) {
            tangent[f][y][x] = 0;
          }
        }
      }
    }
    return tangent;
  }

  /** The tangent at each 2×2 window's arg-max of the primal (first in row-major order on ties). */
  private static double[][][] poolTangent(double[][][] primal, double[][][] tangent) {
    int h = primal[0].length / 2;
    int w = primal[0][0].length / 2;
    double[][][] out = new double[primal.length][h][w];
    for (int f = 0; f < primal.length; f++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int by = 2 * y;
          int bx = 2 * x;
          for (int dy = 0; dy < 2; dy++) {
            for (int dx = 0; dx < 2; dx++) {
              if (primal[f][2 * y + dy][2 * x + dx] > primal[f][by][bx]) {
                by = 2 * y + dy;
                bx = 2 * x + dx;
              }
            }
          }
          out[f][y][x] = tangent[f][by][bx];
        }
      }
    }
    return out;
  }

  /** Convolution with 3×3 kernels, padding 1; {@code bias < 0} means no bias (a tangent). */
  private static double[][][] conv(double[][][] in, double[] p, int weight, int bias, int filters) {
    int channels = in.length;
    int h = in[0].length;
    int w = in[0][0].length;
    double[][][] out = new double[filters][h][w];
    for (int f = 0; f < filters; f++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double s = bias < 0 ? 0 : p[bias + f];
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
