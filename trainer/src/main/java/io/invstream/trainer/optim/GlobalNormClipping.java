package io.invstream.trainer.optim;

import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.tensor.TensorBackend;

/**
 * Gradient clipping by global norm as {@code torch.nn.utils.clip_grad_norm_}: when {@code ||g||₂
 * > maxNorm} the whole gradient is scaled by {@code maxNorm / (||g||₂ + 1e-6)}. Applied before
 * the optimiser, hence before its weight decay.
 *
 * @param maxNorm the threshold; {@code 0} disables clipping (the norm is still measured)
 */
public record GlobalNormClipping(double maxNorm) {

  /** No clipping. */
  public static final GlobalNormClipping NONE = new GlobalNormClipping(0);

  /** Rejects negative thresholds. */
  public GlobalNormClipping {
    if (!(maxNorm >= 0)) {
      throw new IllegalArgumentException("maxNorm must be >= 0 (0 disables clipping), got " + maxNorm);
    }
  }

  /**
   * Clips {@code gradient} (a flat block) in place.
   *
   * @param norm its global norm, already measured by the caller (it is also the finiteness check)
   */
  public void apply(TensorBackend backend, ParameterBlock gradient, double norm) {
    if (maxNorm > 0 && norm > maxNorm) {
      backend.scale((float) (maxNorm / (norm + 1e-6)), gradient.flat());
    }
  }

  /** The global L2 norm of a flat block; NaN or infinite if any entry is. */
  public static double norm(TensorBackend backend, ParameterBlock gradient) {
    return Math.sqrt(backend.sumOfSquares(gradient.flat()));
  }
}
