package io.invstream.trainer.tensor.cpu;

import io.invstream.trainer.tensor.AdamCoefficients;

/** Fused optimiser updates, streamed in {@link Scratch} chunks. */
final class OptimizerKernels {

  private OptimizerKernels() {}

  static void adam(CpuTensor params, CpuTensor grad, CpuTensor m, CpuTensor v, AdamCoefficients c, Scratch s) {
    ElementwiseKernels.sameLength(params, grad);
    ElementwiseKernels.sameLength(params, m);
    ElementwiseKernels.sameLength(params, v);
    float b1 = c.beta1();
    float b2 = c.beta2();
    float wd = c.weightDecay();
    float eps = c.epsilon();
    // Same arrangement as torch.optim.Adam: step size lr/bc1, denominator sqrt(v)/sqrt(bc2) + eps.
    float stepSize = (float) (c.learningRate() / c.biasCorrection1());
    float rootBc2 = (float) Math.sqrt(c.biasCorrection2());
    float[] p = s.a;
    float[] g = s.b;
    float[] ma = s.c;
    float[] va = s.d;
    for (int start = 0, n = params.length(); start < n; start += Scratch.CHUNK) {
      int len = Math.min(Scratch.CHUNK, n - start);
      params.data().get(start, p, 0, len);
      grad.data().get(start, g, 0, len);
      m.data().get(start, ma, 0, len);
      v.data().get(start, va, 0, len);
      for (int i = 0; i < len; i++) {
        float gi = g[i] + wd * p[i];
        float mi = b1 * ma[i] + (1f - b1) * gi;
        float vi = b2 * va[i] + (1f - b2) * gi * gi;
        ma[i] = mi;
        va[i] = vi;
        p[i] -= stepSize * mi / ((float) Math.sqrt(vi) / rootBc2 + eps);
      }
      params.data().put(start, p, 0, len);
      m.data().put(start, ma, 0, len);
      v.data().put(start, va, 0, len);
    }
  }

  static void sgdMomentum(
      CpuTensor params, CpuTensor grad, CpuTensor velocity, float lr, float momentum, float wd, Scratch s) {
    ElementwiseKernels.sameLength(params, grad);
    ElementwiseKernels.sameLength(params, velocity);
    float[] p = s.a;
    float[] g = s.b;
    float[] b = s.c;
    for (int start = 0, n = params.length(); start < n; start += Scratch.CHUNK) {
      int len = Math.min(Scratch.CHUNK, n - start);
      params.data().get(start, p, 0, len);
      grad.data().get(start, g, 0, len);
      velocity.data().get(start, b, 0, len);
      for (int i = 0; i < len; i++) {
        float bi = momentum * b[i] + g[i] + wd * p[i];
        b[i] = bi;
        p[i] -= lr * bi;
      }
      params.data().put(start, p, 0, len);
      velocity.data().put(start, b, 0, len);
    }
  }
}
