package io.invstream.trainer.tensor.cpu;

import io.invstream.trainer.tensor.CrossEntropy;
import java.nio.FloatBuffer;

/** Row-wise softmax and the fused softmax cross-entropy forward/backward. */
final class SoftmaxKernels {

  private SoftmaxKernels() {}

  static CrossEntropy softmaxCrossEntropy(
      CpuTensor logits, CpuTensor labels, CpuTensor weights, CpuTensor probs, CpuTensor grad) {
    int rows = logits.rows();
    int k = logits.cols();
    ElementwiseKernels.sameLength(logits, probs);
    ElementwiseKernels.sameLength(logits, grad);
    if (labels.length() != rows || (weights != null && weights.length() != rows)) {
      throw new IllegalArgumentException(
          "labels " + labels.shape() + " / weights for logits " + logits.shape());
    }
    softmax(logits, probs);
    FloatBuffer p = probs.data();
    FloatBuffer y = labels.data();
    FloatBuffer g = grad.data();
    double weightSum = 0;
    double lossSum = 0;
    int correct = 0;
    for (int r = 0; r < rows; r++) {
      int label = label(y.get(r), k, r);
      double w = weights == null ? 1.0 : weights.data().get(r);
      int base = r * k;
      // log p from the probabilities would lose precision for confident wrong answers; use logits.
      lossSum += w * (logSumExp(logits.data(), base, k) - logits.data().get(base + label));
      weightSum += w;
      if (argMax(logits.data(), base, k) == label) {
        correct++;
      }
    }
    float invWeight = weightSum > 0 ? (float) (1.0 / weightSum) : 0f;
    for (int r = 0; r < rows; r++) {
      int label = (int) y.get(r);
      float scale = (weights == null ? 1f : weights.data().get(r)) * invWeight;
      int base = r * k;
      for (int c = 0; c < k; c++) {
        float target = c == label ? 1f : 0f;
        g.put(base + c, scale * (p.get(base + c) - target));
      }
    }
    return new CrossEntropy(weightSum > 0 ? lossSum / weightSum : 0.0, weightSum, correct);
  }

  static void softmax(CpuTensor logits, CpuTensor probs) {
    ElementwiseKernels.sameLength(logits, probs);
    int rows = logits.rows();
    int k = logits.cols();
    FloatBuffer z = logits.data();
    FloatBuffer p = probs.data();
    for (int r = 0; r < rows; r++) {
      int base = r * k;
      float max = Float.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        max = Math.max(max, z.get(base + c));
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        float e = (float) Math.exp(z.get(base + c) - max);
        p.put(base + c, e);
        sum += e;
      }
      float inv = (float) (1.0 / sum);
      for (int c = 0; c < k; c++) {
        p.put(base + c, p.get(base + c) * inv);
      }
    }
  }

  private static double logSumExp(FloatBuffer z, int base, int k) {
    float max = Float.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      max = Math.max(max, z.get(base + c));
    }
    double sum = 0;
    for (int c = 0; c < k; c++) {
      sum += Math.exp(z.get(base + c) - max);
    }
    return max + Math.log(sum);
  }

  private static int argMax(FloatBuffer z, int base, int k) {
    int best = 0;
    for (int c = 1; c < k; c++) {
      if (z.get(base + c) > z.get(base + best)) {
        best = c;
      }
    }
    return best;
  }

  private static int label(float value, int classes, int row) {
    int label = (int) value;
    if (label != value || label < 0 || label >= classes) {
      throw new IllegalArgumentException(
          "row " + row + " has label " + value + "; labels must be integers in [0, " + classes + ")");
    }
    return label;
  }
}
