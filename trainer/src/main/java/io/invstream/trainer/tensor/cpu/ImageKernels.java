package io.invstream.trainer.tensor.cpu;

import io.invstream.trainer.tensor.Shape;
import java.nio.FloatBuffer;

/** Convolution unfolding and 2×2 max pooling on channels-last images. */
final class ImageKernels {

  private ImageKernels() {}

  static void im2col(CpuTensor images, int k, int pad, CpuTensor columns) {
    Geometry g = Geometry.of(images.shape(), k, pad, columns.shape());
    FloatBuffer img = images.data();
    FloatBuffer col = columns.data();
    int width = g.c * k * k;
    for (int n = 0; n < g.n; n++) {
      for (int oy = 0; oy < g.ho; oy++) {
        for (int ox = 0; ox < g.wo; ox++) {
          int row = ((n * g.ho + oy) * g.wo + ox) * width;
          for (int ky = 0; ky < k; ky++) {
            int iy = oy + ky - pad;
            for (int kx = 0; kx < k; kx++) {
              int ix = ox + kx - pad;
              boolean inside = iy >= 0 && iy < g.h && ix >= 0 && ix < g.w;
              int pixel = ((n * g.h + iy) * g.w + ix) * g.c;
              int kernelOffset = ky * k + kx;
              for (int c = 0; c < g.c; c++) {
                col.put(row + c * k * k + kernelOffset, inside ? img.get(pixel + c) : 0f);
              }
            }
          }
        }
      }
    }
  }

  static void col2im(CpuTensor columns, int k, int pad, CpuTensor images, Scratch s) {
    Geometry g = Geometry.of(images.shape(), k, pad, columns.shape());
    FloatBuffer img = images.data();
    FloatBuffer col = columns.data();
    ElementwiseKernels.fill(images, 0f, s);
    int width = g.c * k * k;
    for (int n = 0; n < g.n; n++) {
      for (int oy = 0; oy < g.ho; oy++) {
        for (int ox = 0; ox < g.wo; ox++) {
          int row = ((n * g.ho + oy) * g.wo + ox) * width;
          for (int ky = 0; ky < k; ky++) {
            int iy = oy + ky - pad;
            if (iy < 0 || iy >= g.h) {
              continue;
            }
            for (int kx = 0; kx < k; kx++) {
              int ix = ox + kx - pad;
              if (ix < 0 || ix >= g.w) {
                continue;
              }
              int pixel = ((n * g.h + iy) * g.w + ix) * g.c;
              int kernelOffset = ky * k + kx;
              for (int c = 0; c < g.c; c++) {
                img.put(pixel + c, img.get(pixel + c) + col.get(row + c * k * k + kernelOffset));
              }
            }
          }
        }
      }
    }
  }

  static void maxPool2x2(CpuTensor in, CpuTensor out) {
    Pool p = Pool.of(in.shape(), out.shape());
    FloatBuffer src = in.data();
    FloatBuffer dst = out.data();
    for (int n = 0; n < p.n; n++) {
      for (int oy = 0; oy < p.h / 2; oy++) {
        for (int ox = 0; ox < p.w / 2; ox++) {
          int o = ((n * (p.h / 2) + oy) * (p.w / 2) + ox) * p.c;
          for (int c = 0; c < p.c; c++) {
            dst.put(o + c, src.get(p.argMax(src, n, oy, ox, c)));
          }
        }
      }
    }
  }

  static void maxPool2x2Backward(CpuTensor in, CpuTensor outGradient, CpuTensor inGradient, Scratch s) {
    Pool p = Pool.of(in.shape(), outGradient.shape());
    ElementwiseKernels.sameLength(in, inGradient);
    FloatBuffer src = in.data();
    FloatBuffer dOut = outGradient.data();
    FloatBuffer dIn = inGradient.data();
    ElementwiseKernels.fill(inGradient, 0f, s);
    for (int n = 0; n < p.n; n++) {
      for (int oy = 0; oy < p.h / 2; oy++) {
        for (int ox = 0; ox < p.w / 2; ox++) {
          int o = ((n * (p.h / 2) + oy) * (p.w / 2) + ox) * p.c;
          for (int c = 0; c < p.c; c++) {
            dIn.put(p.argMax(src, n, oy, ox, c), dOut.get(o + c));
          }
        }
      }
    }
  }

  static void maxPool2x2Tangent(CpuTensor in, CpuTensor inTangent, CpuTensor outTangent) {
    Pool p = Pool.of(in.shape(), outTangent.shape());
    ElementwiseKernels.sameLength(in, inTangent);
    FloatBuffer src = in.data();
    FloatBuffer tangent = inTangent.data();
    FloatBuffer dst = outTangent.data();
    for (int n = 0; n < p.n; n++) {
      for (int oy = 0; oy < p.h / 2; oy++) {
        for (int ox = 0; ox < p.w / 2; ox++) {
          int o = ((n * (p.h / 2) + oy) * (p.w / 2) + ox) * p.c;
          for (int c = 0; c < p.c; c++) {
            dst.put(o + c, tangent.get(p.argMax(src, n, oy, ox, c)));
          }
        }
      }
    }
  }

  /** Sizes of one im2col call: images {@code [n, h, w, c]}, output {@code ho × wo}. */
  private record Geometry(int n, int h, int w, int c, int ho, int wo) {
    static Geometry of(Shape images, int k, int pad, Shape columns) {
      if (images.rank() != 4 || k <= 0 || pad < 0) {
        throw new IllegalArgumentException(
            "im2col needs images [N, H, W, C], k > 0, padding >= 0; got " + images + ", k=" + k + ", padding=" + pad);
      }
      int n = images.dim(0);
      int h = images.dim(1);
      int w = images.dim(2);
      int c = images.dim(3);
      int ho = h + 2 * pad - k + 1;
      int wo = w + 2 * pad - k + 1;
      if (ho <= 0 || wo <= 0 || columns.size() != (long) n * ho * wo * c * k * k || columns.rowSize() != (long) c * k * k) {
        throw new IllegalArgumentException(
            "columns " + columns + " do not fit images " + images + " with k=" + k + ", padding=" + pad
                + "; expected [" + (long) n * ho * wo + ", " + c * k * k + "]");
      }
      return new Geometry(n, h, w, c, ho, wo);
    }
  }

  /** Sizes of one pooling call on {@code [n, h, w, c]}. */
  private record Pool(int n, int h, int w, int c) {
    static Pool of(Shape in, Shape out) {
      if (in.rank() != 4 || in.dim(1) % 2 != 0 || in.dim(2) % 2 != 0) {
        throw new IllegalArgumentException("2×2 pooling needs [N, H, W, C] with even H and W, got " + in);
      }
      Pool p = new Pool(in.dim(0), in.dim(1), in.dim(2), in.dim(3));
      if (out.size() != (long) p.n * (p.h / 2) * (p.w / 2) * p.c) {
        throw new IllegalArgumentException("pooling " + in + " cannot write " + out);
      }
      return p;
    }

    int index(int n, int y, int x, int ch) {
      return ((n * h + y) * w + x) * c + ch;
    }

    int argMax(FloatBuffer src, int n, int oy, int ox, int ch) {
      int topLeft = index(n, 2 * oy, 2 * ox, ch);
      int best = topLeft;
      best = src.get(topLeft + c) > src.get(best) ? topLeft + c : best;
      best = src.get(topLeft + w * c) > src.get(best) ? topLeft + w * c : best;
      best = src.get(topLeft + w * c + c) > src.get(best) ? topLeft + w * c + c : best;
      return best;
    }
  }
}
