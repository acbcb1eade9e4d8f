package io.invstream.trainer.tensor;

/**
 * The one numeric seam of the trainer: every tensor operation of models, optimisers and
 * algorithms goes through this interface, so a GPU implementation can replace the CPU one without
 * any change above it.
 *
 * <p>Conventions shared by all kernels:
 *
 * <ul>
 *   <li>Tensors are float32, row-major and contiguous. A kernel reads a tensor as the shape it
 *       documents; where it says "matrix" a tensor of any rank is read as {@code [rows,
 *       rowSize]} (outermost dimension by the product of the others).
 *   <li>Outputs are preallocated by the caller; kernels never allocate. Output and input may be
 *       the same tensor only where a kernel says "in place".
 *   <li>Scalars returned to the host ({@code double}, {@code long}) force a synchronisation on an
 *       asynchronous backend; the trainer calls such kernels a handful of times per step.
 *   <li>Sizes are checked and a mismatch throws {@link IllegalArgumentException} naming the
 *       shapes.
 *   <li>Integer-valued data (class labels) travel as float32, exact below 2^24.
 * </ul>
 *
 * <p>Lifetime: tensors live as long as the backend; callers allocate long-lived buffers once and
 * reuse them (see {@link RowBuffer}), never per step. Implementations are not thread-safe.
 */
public interface TensorBackend {

  /** Short human-readable description, e.g. {@code "nd4j-native cpu, openblas 2 threads"}. */
  String description();

  // ---- storage -----------------------------------------------------------------------------

  /** A new zero-filled tensor. */
  Tensor allocate(Shape shape);

  /**
   * A view of {@code shape.size()} consecutive elements of {@code base} starting at element
   * {@code offset}, read with the given shape. Shares storage; allocates no tensor memory.
   */
  Tensor view(Tensor base, long offset, Shape shape);

  /** Copies {@code length} floats from {@code src[srcOffset..]} into {@code dst[dstOffset..]}. */
  void upload(float[] src, int srcOffset, Tensor dst, long dstOffset, int length);

  /** Copies {@code length} floats from {@code src[srcOffset..]} into {@code dst[dstOffset..]}. */
  void download(Tensor src, long srcOffset, float[] dst, int dstOffset, int length);

  /** Uploads a whole tensor's worth of floats. */
  default void upload(float[] src, Tensor dst) {
    checkLength(dst, src.length);
    upload(src, 0, dst, 0, src.length);
  }

  /** Downloads a whole tensor into a new array. */
  default float[] download(Tensor src) {
    float[] out = new float[Math.toIntExact(src.size())];
    download(src, 0, out, 0, out.length);
    return out;
  }

  /** Counters for tests and benchmarks. */
  BackendCounters counters();

  // ---- BLAS-like ----------------------------------------------------------------------------

  /**
   * {@code C = alpha·op(A)·op(B) + beta·C} on matrices, where {@code op} transposes when its flag
   * is set. With {@code beta = 0} the old contents of C are ignored (NaN included).
   */
  void gemm(boolean transA, boolean transB, float alpha, Tensor a, Tensor b, float beta, Tensor c);

  /** {@code x[i] = value}. */
  void fill(Tensor x, float value);

  /** {@code dst[i] = src[i]}; sizes must match, shapes need not. */
  void copy(Tensor src, Tensor dst);

  /** {@code y[i] += alpha·x[i]}. */
  void axpy(float alpha, Tensor x, Tensor y);

  /** {@code x[i] *= alpha}, in place. */
  void scale(float alpha, Tensor x);

  /** {@code out[i] = a[i]·b[i]}; {@code out} may be {@code a} or {@code b}. */
  void multiply(Tensor a, Tensor b, Tensor out);

  /** {@code Σ a[i]·b[i]}, accumulated in double. */
  double dot(Tensor a, Tensor b);

  /** {@code Σ x[i]²}, accumulated in double; non-finite if any element is. */
  double sumOfSquares(Tensor x);

  /**
   * {@code out[j] = Σ_e coefficients[e]·stacked[e, j]}: one weighted sum over the rows of a
   * {@code [E, n]} matrix (per-environment gradients of one parameter tensor).
   */
  void linearCombination(double[] coefficients, Tensor stacked, Tensor out);

  // ---- layers -------------------------------------------------------------------------------

  /** In place on matrix x: {@code x[r, c] += bias[c]}, then {@code max(x, 0)} when relu is set. */
  void addBias(Tensor x, Tensor bias, boolean relu);

  /**
   * In place: {@code gradient[i] = 0} wherever {@code activation[i] <= 0}. With the post-ReLU
   * activation this is the ReLU backward pass (derivative 0 at 0, as PyTorch).
   */
  void reluBackward(Tensor gradient, Tensor activation);

  /** {@code out[c] = beta·out[c] + Σ_r x[r, c]} on matrix x (bias gradients). */
  void columnSums(Tensor x, float beta, Tensor out);

  /**
   * Fused softmax cross-entropy over the rows of {@code logits [n, K]}: writes {@code
   * probabilities} ({@code [n, K]}, softmax per row) and {@code logitGradient} ({@code [n, K]},
   * the gradient of the weighted mean loss: {@code w_n (p_n − onehot(y_n)) / Σ w}).
   *
   * @param labels {@code [n]} class indices as floats
   * @param weights {@code [n]} non-negative example weights, or {@code null} for all ones
   */
  CrossEntropy softmaxCrossEntropy(
      Tensor logits, Tensor labels, Tensor weights, Tensor probabilities, Tensor logitGradient);

  /** Row-wise softmax of {@code logits [n, K]} into {@code probabilities}. */
  void softmax(Tensor logits, Tensor probabilities);

  /** {@code out[b, j, i] = in[b, i, j]} for {@code in [B, r, c]} and {@code out [B, c, r]}. */
  void transposeMatrices(Tensor in, Tensor out);

  /**
   * Unfolds stride-1 square patches of {@code images [N, H, W, C]} (channels last) into {@code
   * columns [N·Ho·Wo, C·k·k]} with {@code Ho = H + 2·padding − k + 1}; column order is (channel,
   * kernel row, kernel column), the order of a PyTorch conv weight {@code [F, C, k, k]}. Padding
   * reads as zero.
   */
  void im2col(Tensor images, int kernelSize, int padding, Tensor columns);

  /** Adjoint of {@link #im2col}: overwrites {@code images} with the sum of the column entries. */
  void col2im(Tensor columns, int kernelSize, int padding, Tensor images);

  /** 2×2 max pooling with stride 2 of {@code in [N, H, W, C]} into {@code out [N, H/2, W/2, C]}. */
  void maxPool2x2(Tensor in, Tensor out);

  /**
   * Backward of {@link #maxPool2x2}: overwrites {@code inGradient [N, H, W, C]} with {@code
   * outGradient} routed to the arg-max of each window (first in row-major order on ties) and zero
   * elsewhere.
   */
  void maxPool2x2Backward(Tensor in, Tensor outGradient, Tensor inGradient);

  // ---- invariance -----------------------------------------------------------------------------

  /**
   * AND-mask of one parameter tensor's per-environment gradients {@code stacked [E, n]}: {@code
   * m_j = 1[|mean_e sign(g_ej)| ≥ tau]} with {@code sign(0) = 0}, then {@code out[j] = m_j ·
   * mean_e g_ej / (1e-10 + mean_j m_j)}.
   *
   * @return the number of kept entries {@code Σ_j m_j}
   */
  long andMask(Tensor stacked, float tau, Tensor out);

  /**
   * SAND-mask of {@code stacked [E, n]}: {@code v_j} the unbiased variance over environments (NaN
   * → 1e-17), {@code m_j = max(tanh(k·(|mean_e sign(g_ej)| − tau) / v_j), 0)} (NaN → 1e-17), then
   * {@code out[j] = m_j · mean_e g_ej / (1e-10 + mean_j m_j)}.
   *
   * @return {@code Σ_j m_j}
   */
  double sandMask(Tensor stacked, float tau, float k, Tensor out);

  /**
   * Consistency of per-environment gradients {@code stacked [E, n]} in one pass: returns the
   * number of columns whose entries all have the same non-zero sign (the AND-mask kept count at
   * {@code tau = 1}) and adds the Gram matrix of the rows, {@code gram[e·E + f] += Σ_j g_ej
   * g_fj}, into the host array {@code gram} (at least E² entries), for cosines and norms.
   */
  long gradientConsistency(Tensor stacked, double[] gram);

  /**
   * Diagonal variance over examples of the per-example gradients of a linear classifier layer
   * {@code z = W h + b} with loss summed over examples: {@code g_W,n = e_n h_nᵀ}, {@code g_b,n =
   * e_n} where {@code e_n} is the row of {@code errors [n, K]} (typically {@code p_n − y_n}) and
   * {@code h_n} the row of {@code features [n, d]}. Writes {@code weightVariance [K, d]} (the
   * layout of W) and {@code biasVariance [K]}, each {@code mean_n (g_n − mean_n g_n)²} (divide by
   * n), computed without cancellation.
   */
  void classifierGradientVariance(
      Tensor errors, Tensor features, Tensor weightVariance, Tensor biasVariance);

  // ---- optimisers -----------------------------------------------------------------------------

  /**
   * One fused Adam step, as PyTorch's {@code torch.optim.Adam} (not AdamW): {@code g' = g +
   * wd·θ}; {@code m = β1 m + (1−β1) g'}; {@code v = β2 v + (1−β2) g'²}; {@code θ −= α (m / bc1) /
   * (sqrt(v / bc2) + ε)}. All four tensors have the same size.
   */
  void adamStep(Tensor parameters, Tensor gradient, Tensor m, Tensor v, AdamCoefficients c);

  /**
   * One fused SGD step with momentum, as PyTorch's {@code torch.optim.SGD} with dampening 0 and
   * no Nesterov: {@code g' = g + wd·θ}; {@code b = μ b + g'}; {@code θ −= lr·b}. With a
   * zero-initialised buffer the first step gives {@code b = g'}, as PyTorch.
   */
  void sgdMomentumStep(
      Tensor parameters,
      Tensor gradient,
      Tensor velocity,
      float learningRate,
      float momentum,
      float weightDecay);

  /** Throws unless {@code t} holds exactly {@code expected} elements. */
  static void checkLength(Tensor t, long expected) {
    if (t.size() != expected) {
      throw new IllegalArgumentException(
          "tensor of shape " + t.shape() + " holds " + t.size() + " elements, expected " + expected);
    }
  }

  // ---- explanation penalties and AND-mask variants ------------------------------------------

  /**
   * AND-mask's geometric-mean variant ({@code geom_mean} in Parascandolo et al.'s code) of {@code
   * stacked [E, n]}: the mask {@code m_j = 1[|mean_e sign(g_ej)| ≥ tau]} of {@link #andMask}, then
   * {@code out[j] = m_j · sign(mean_e g_ej) · exp(mean_e log(|g_ej| + 1e-10)) / (1e-10 + mean_j
   * m_j)}: the geometric mean of the magnitudes with the sign of the arithmetic mean.
   *
   * @return the number of kept entries {@code Σ_j m_j}
   */
  long andMaskGeometricMean(Tensor stacked, float tau, Tensor out);

  /**
   * Forward mode of {@link #maxPool2x2}: {@code outTangent [N, H/2, W/2, C]} takes, per window,
   * the entry of {@code inTangent [N, H, W, C]} at the arg-max of {@code in}'s window (first in
   * row-major order on ties, the element {@link #maxPool2x2Backward} routes to, so that kernel is
   * this map's adjoint). The arg-max is constant almost everywhere, so this is the exact
   * directional derivative there.
   */
  void maxPool2x2Tangent(Tensor in, Tensor inTangent, Tensor outTangent);

  /**
   * Output side of the RRR input-gradient penalty's exact parameter gradient (reverse over
   * forward). For rows n of {@code probabilities p [N, K]} and {@code logitTangent ż [N, K]} (the
   * logits' directional derivative along an input direction v), with {@code S_n = Σ_k log p_nk},
   * {@code D_v S_n = Σ_k (1 − K p_nk) ż_nk} and {@code c_n = scale · w_n} ({@code w_n = 1}
   * without weights), writes the partial derivatives of {@code Σ_n c_n D_v S_n}:
   *
   * <pre>
   *   logitTangentGradient[n, k] = c_n (1 − K p_nk)
   *   logitGradient[n, k]        = −c_n K p_nk (ż_nk − Σ_j p_nj ż_nj)
   * </pre>
   *
   * @param weights {@code [N]} example weights, or {@code null} for all ones
   * @return {@code Σ_n w_n D_v S_n}, accumulated in double
   */
  double logProbabilitySumTangent(
      Tensor probabilities, Tensor logitTangent, Tensor weights, float scale, Tensor logitGradient,
      Tensor logitTangentGradient);

  /**
   * Per row r of matrices {@code values} and {@code mask} (same shape): {@code mask[r, j] = 1}
   * where {@code |values[r, j]| > cutoff · max_j' |values[r, j']|}; other entries keep their value,
   * so successive calls accumulate a union. A row whose largest magnitude is 0 or not finite marks
   * nothing. (Ross et al.'s "largest gradient" annotation for find-another-explanation.)
   */
  void markLargeMagnitudes(Tensor values, float cutoff, Tensor mask);
}
