package io.invstream.trainer.algorithm;

import io.invstream.trainer.tensor.Shape;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.HashMap;
import java.util.Map;

/**
 * Row-wise operations on {@code [n, w]} matrices that the closed-form penalty gradients need,
 * composed from the backend's GEMM and elementwise kernels (a product with a vector of ones sums
 * or broadcasts), so they run wherever the backend runs without a kernel of their own.
 */
final class RowOps {

  private final TensorBackend backend;
  private final Map<Integer, Tensor> onesColumns = new HashMap<>();
  private final Map<Integer, Tensor> onesRows = new HashMap<>();

  RowOps(TensorBackend backend) {
    this.backend = backend;
  }

  TensorBackend backend() {
    return backend;
  }

  /** {@code out[n] = Σ_c x[n, c]}; {@code out} is read as {@code [n, 1]}. */
  void rowSums(Tensor x, Tensor out) {
    backend.gemm(false, false, 1f, x, onesColumn(width(x)), 0f, out);
  }

  /** {@code x[n, c] *= s[n]}, in place; {@code scratch} has the shape of x. */
  void scaleRows(Tensor x, Tensor s, Tensor scratch) {
    backend.gemm(false, false, 1f, s, onesRow(width(x)), 0f, scratch);
    backend.multiply(x, scratch, x);
  }

  /**
   * Vector-Jacobian product of the row softmax: {@code out = p ⊙ (g − rowsum(p ⊙ g))}, i.e. {@code
   * dJ/dz} from {@code g = dJ/dp} with {@code p = softmax(z)}. {@code out} may be {@code g}.
   *
   * @param rowScratch {@code [n, 1]}
   * @param scratch shape of p, distinct from p, g and out
   */
  void softmaxBackward(Tensor p, Tensor g, Tensor out, Tensor rowScratch, Tensor scratch) {
    backend.multiply(p, g, scratch);
    rowSums(scratch, rowScratch);
    backend.gemm(false, false, 1f, rowScratch, onesRow(width(p)), 0f, scratch);
    if (out != g) {
      backend.copy(g, out);
    }
    backend.axpy(-1f, scratch, out);
    backend.multiply(p, out, out);
  }

  /**
   * {@code out = p − onehot(y)}: the per-example gradient of the summed cross-entropy with respect
   * to the logits, whatever the example weights. Computed by the fused loss kernel without weights,
   * which writes {@code (p − y)/n}, times n (within an ulp of the direct difference).
   *
   * @param probabilityScratch {@code [n, K]}, receives p again
   */
  void classErrors(EnvironmentOutputs env, Tensor probabilityScratch, Tensor out) {
    backend.softmaxCrossEntropy(env.logits(), env.labels(), null, probabilityScratch, out);
    backend.scale(env.rows(), out);
  }

  private static int width(Tensor x) {
    return Math.toIntExact(x.shape().rowSize());
  }

  private Tensor onesColumn(int width) {
    return onesColumns.computeIfAbsent(
        width,
        w -> {
          Tensor ones = backend.allocate(Shape.of(w));
          backend.fill(ones, 1f);
          return ones;
        });
  }

  private Tensor onesRow(int width) {
    return onesRows.computeIfAbsent(width, w -> backend.view(onesColumn(w), 0, Shape.of(1, w)));
  }
}
