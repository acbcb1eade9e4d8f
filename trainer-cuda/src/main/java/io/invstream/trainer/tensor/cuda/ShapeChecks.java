package io.invstream.trainer.tensor.cuda;

import io.invstream.trainer.tensor.Shape;
import io.invstream.trainer.tensor.Tensor;

/**
 * The size checks of every kernel, done on the host before anything is launched, with the same
 * messages as the CPU backend. A "matrix" reads a tensor as {@code [rows, size / rows]}.
 */
final class ShapeChecks {

  private ShapeChecks() {}

  static int length(Tensor t) {
    return Math.toIntExact(t.size());
  }

  static int rows(Tensor t) {
    return t.shape().rows();
  }

  static int cols(Tensor t) {
    return Math.toIntExact(t.shape().rowSize());
  }

  static void sameLength(Tensor a, Tensor b) {
    if (a.size() != b.size()) {
      throw new IllegalArgumentException(
          "sizes differ: " + a.shape() + " (" + a.size() + ") vs " + b.shape() + " (" + b.size() + ")");
    }
  }

  static void view(long baseSize, long offset, Shape shape) {
    if (offset < 0 || offset + shape.size() > baseSize) {
      throw new IllegalArgumentException(
          "view " + shape + " at offset " + offset + " does not fit in a tensor of " + baseSize + " elements");
    }
  }

  static void transfer(int arrayLength, int arrayOffset, long tensorSize, long tensorOffset, int length) {
    if (length < 0 || arrayOffset < 0 || tensorOffset < 0 || (long) arrayOffset + length > arrayLength
        || tensorOffset + length > tensorSize) {
      throw new IndexOutOfBoundsException("copy of " + length + " floats between array[" + arrayOffset + "..] of "
          + arrayLength + " and tensor[" + tensorOffset + "..] of " + tensorSize + " elements is out of bounds");
    }
  }

  /** Returns the inner size k of {@code C = op(A)·op(B)} after checking that the shapes agree. */
  static int gemm(boolean transA, boolean transB, Tensor a, Tensor b, Tensor c) {
    int m = rows(c);
    int n = cols(c);
    int k = transA ? rows(a) : cols(a);
    int aRows = transA ? cols(a) : rows(a);
    int bRows = transB ? cols(b) : rows(b);
    int bCols = transB ? rows(b) : cols(b);
    if (aRows != m || bRows != k || bCols != n) {
      throw new IllegalArgumentException("gemm shapes do not agree: op(A) of " + a.shape() + (transA ? "ᵀ" : "")
          + " times op(B) of " + b.shape() + (transB ? "ᵀ" : "") + " into C of " + c.shape());
    }
    return k;
  }

  static void linearCombination(int coefficients, Tensor stacked, Tensor out) {
    if (coefficients != rows(stacked) || out.size() != cols(stacked)) {
      throw new IllegalArgumentException(
          coefficients + " coefficients for stacked " + stacked.shape() + " into " + out.shape());
    }
  }

  static void bias(Tensor x, Tensor bias) {
    if (bias.size() != cols(x)) {
      throw new IllegalArgumentException("bias " + bias.shape() + " for matrix " + x.shape());
    }
  }

  static void columnSums(Tensor x, Tensor out) {
    if (out.size() != cols(x)) {
      throw new IllegalArgumentException("column sums of " + x.shape() + " into " + out.shape());
    }
  }

  static void crossEntropy(Tensor logits, Tensor labels, Tensor weights, Tensor probabilities, Tensor gradient) {
    sameLength(logits, probabilities);
    sameLength(logits, gradient);
    if (labels.size() != rows(logits) || (weights != null && weights.size() != rows(logits))) {
      throw new IllegalArgumentException("labels " + labels.shape() + " / weights for logits " + logits.shape());
    }
  }

  static void transpose(Shape s, Shape t) {
    if (s.rank() != 3 || t.rank() != 3 || s.dim(0) != t.dim(0) || s.dim(1) != t.dim(2) || s.dim(2) != t.dim(1)) {
      throw new IllegalArgumentException("cannot transpose " + s + " into " + t);
    }
  }

  /** Checks an im2col/col2im pair and returns {@code {n, h, w, c}}. */
  static int[] im2col(Shape images, int k, int pad, Shape columns) {
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
      throw new IllegalArgumentException("columns " + columns + " do not fit images " + images + " with k=" + k
          + ", padding=" + pad + "; expected [" + (long) n * ho * wo + ", " + c * k * k + "]");
    }
    return new int[] {n, h, w, c};
  }

  /** Checks a 2×2 pooling input and output and returns {@code {n, h, w, c}}. */
  static int[] pool(Shape in, Shape out) {
    if (in.rank() != 4 || in.dim(1) % 2 != 0 || in.dim(2) % 2 != 0) {
      throw new IllegalArgumentException("2×2 pooling needs [N, H, W, C] with even H and W, got " + in);
    }
    int[] p = {in.dim(0), in.dim(1), in.dim(2), in.dim(3)};
    if (out.size() != (long) p[0] * (p[1] / 2) * (p[2] / 2) * p[3]) {
      throw new IllegalArgumentException("pooling " + in + " cannot write " + out);
    }
    return p;
  }

  static void maskOut(Tensor stacked, Tensor out) {
    if (out.size() != cols(stacked)) {
      throw new IllegalArgumentException("mask of stacked gradients " + stacked.shape() + " cannot write " + out.shape()
          + "; expected " + cols(stacked) + " elements");
    }
  }

  static void gram(int rows, double[] gram) {
    if (gram.length < (long) rows * rows) {
      throw new IllegalArgumentException("Gram accumulator of " + gram.length + " entries for " + rows + " rows");
    }
  }

  static void classifierVariance(Tensor errors, Tensor features, Tensor weightVariance, Tensor biasVariance) {
    int n = rows(errors);
    int k = cols(errors);
    int d = cols(features);
    if (rows(features) != n || weightVariance.size() != (long) k * d || biasVariance.size() != k) {
      throw new IllegalArgumentException("errors " + errors.shape() + ", features " + features.shape() + " cannot write "
          + weightVariance.shape() + " and " + biasVariance.shape() + "; expected [" + k + ", " + d + "] and [" + k + "]");
    }
  }

  static void tangent(Tensor probabilities, Tensor logitTangent, Tensor weights, Tensor logitGradient,
      Tensor logitTangentGradient) {
    sameLength(probabilities, logitTangent);
    sameLength(probabilities, logitGradient);
    sameLength(probabilities, logitTangentGradient);
    if (weights != null && weights.size() != rows(probabilities)) {
      throw new IllegalArgumentException("weights " + weights.shape() + " for probabilities " + probabilities.shape());
    }
  }

  static void sameShape(Tensor values, Tensor mask) {
    if (!values.shape().equals(mask.shape())) {
      throw new IllegalArgumentException("values " + values.shape() + " and mask " + mask.shape() + " differ in shape");
    }
  }
}
