package io.invstream.trainer.tensor.cpu;

import java.nio.FloatBuffer;

/**
 * Kernels of the "Right for the Right Reasons" input-gradient penalty: the output side of its
 * reverse-over-forward parameter gradient, and the largest-gradient annotation masks of
 * find-another-explanation. Rows are examples; both are O(rows × width) single passes.
 */
final class ExplanationKernels {

  private ExplanationKernels() {}

  static double logProbabilitySumTangent(
      CpuTensor probabilities, CpuTensor logitTangent, CpuTensor weights, float scale,
      CpuTensor logitGradient, CpuTensor logitTangentGradient) {
    ElementwiseKernels.sameLength(probabilities, logitTangent);
    ElementwiseKernels.sameLength(probabilities, logitGradient);
    ElementwiseKernels.sameLength(probabilities, logitTangentGradient);
    int rows = probabilities.rows();
    int k = probabilities.cols();
    if (weights != null && weights.length() != rows) {
      throw new IllegalArgumentException("weights " + weights.shape() + " for probabilities " + probabilities.shape());
    }
    FloatBuffer p = probabilities.data();
    FloatBuffer t = logitTangent.data();
    FloatBuffer dz = logitGradient.data();
    FloatBuffer dt = logitTangentGradient.data();
    double total = 0;
    for (int r = 0; r < rows; r++) {
      int base = r * k;
      float w = weights == null ? 1f : weights.data().get(r);
      float c = scale * w;
      double expectedTangent = 0;
      double directional = 0;
      for (int j = 0; j < k; j++) {
        expectedTangent += (double) p.get(base + j) * t.get(base + j);
        directional += (1.0 - k * (double) p.get(base + j)) * t.get(base + j);
      }
      total += w * directional;
      for (int j = 0; j < k; j++) {
        float pj = p.get(base + j);
        dt.put(base + j, c * (1f - k * pj));
        dz.put(base + j, (float) (-c * k * pj * (t.get(base + j) - expectedTangent)));
      }
    }
    return total;
  }

  static void markLargeMagnitudes(CpuTensor values, float cutoff, CpuTensor mask) {
    if (!values.shape().equals(mask.shape())) {
      throw new IllegalArgumentException("values " + values.shape() + " and mask " + mask.shape() + " differ in shape");
    }
    int rows = values.rows();
    int cols = values.cols();
    FloatBuffer v = values.data();
    FloatBuffer m = mask.data();
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      float max = 0f;
      for (int j = 0; j < cols; j++) {
        max = Math.max(max, Math.abs(v.get(base + j)));
      }
      if (!(max > 0f) || Float.isInfinite(max)) {
        continue;
      }
      float threshold = cutoff * max;
      for (int j = 0; j < cols; j++) {
        if (Math.abs(v.get(base + j)) > threshold) {
          m.put(base + j, 1f);
        }
      }
    }
  }
}
