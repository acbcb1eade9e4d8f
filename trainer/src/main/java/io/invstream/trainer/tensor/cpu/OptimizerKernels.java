package io.invstream.trainer.tensor.cpu;

import io.invstream.trainer.tensor.AdamCoefficients;
import java.nio.FloatBuffer;

/** Fused optimiser updates, one pass over parameters, gradient and state. */
final class OptimizerKernels {

  private OptimizerKernels() {}

  static void adam(CpuTensor params, CpuTensor grad, CpuTensor m, CpuTensor v, AdamCoefficients c) {
    ElementwiseKernels.sameLength(params, grad);
    ElementwiseKernels.sameLength(params, m);
    ElementwiseKernels.sameLength(params, v);
    FloatBuffer p = params.data();
    FloatBuffer g = grad.data();
    FloatBuffer md = m.data();
    FloatBuffer vd = v.data();
    float b1 = c.beta1();
    float b2 = c.beta2();
    float wd = c.weightDecay();
    float eps = c.epsilon();
    // Same arrangement as torch.optim.Adam: step size lr/bc1, denominator sqrt(v)/sqrt(bc2) + eps.
    float stepSize = (float) (c.learningRate() / c.biasCorrection1());
    float rootBc2 = (float) Math.sqrt(c.biasCorrection2());
    for (int i = 0, n = p.limit(); i < n; i++) {
      float theta = p.get(i);
      float gi = g.get(i) + wd * theta;
      float mi = b1 * md.get(i) + (1f - b1) * gi;
      float vi = b2 * vd.get(i) + (1f - b2) * gi * gi;
      md.put(i, mi);
      vd.put(i, vi);
      p.put(i, theta - stepSize * mi / ((float) Math.sqrt(vi) / rootBc2 + eps));
    }
  }

  static void sgdMomentum(
      CpuTensor params, CpuTensor grad, CpuTensor velocity, float lr, float momentum, float wd) {
    ElementwiseKernels.sameLength(params, grad);
    ElementwiseKernels.sameLength(params, velocity);
    FloatBuffer p = params.data();
    FloatBuffer g = grad.data();
    FloatBuffer b = velocity.data();
    for (int i = 0, n = p.limit(); i < n; i++) {
      float theta = p.get(i);
      float bi = momentum * b.get(i) + g.get(i) + wd * theta;
      b.put(i, bi);
      p.put(i, theta - lr * bi);
    }
  }
}
