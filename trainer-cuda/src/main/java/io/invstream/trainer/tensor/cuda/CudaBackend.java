package io.invstream.trainer.tensor.cuda;

import static io.invstream.trainer.tensor.cuda.KernelLauncher.blocksFor;
import static io.invstream.trainer.tensor.cuda.ShapeChecks.cols;
import static io.invstream.trainer.tensor.cuda.ShapeChecks.length;
import static io.invstream.trainer.tensor.cuda.ShapeChecks.rows;

import io.invstream.trainer.tensor.AdamCoefficients;
import io.invstream.trainer.tensor.BackendAvailability;
import io.invstream.trainer.tensor.BackendCounters;
import io.invstream.trainer.tensor.CrossEntropy;
import io.invstream.trainer.tensor.GemmProfiling;
import io.invstream.trainer.tensor.GemmShape;
import io.invstream.trainer.tensor.Shape;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * GPU implementation of the seam for current NVIDIA GPUs (Turing through Hopper and newer), through
 * the Java Foreign Function & Memory API against the host's CUDA driver and cuBLAS: no JNI, no
 * bundled CUDA.
 *
 * <ul>
 *   <li>GEMM: {@code cublasSgemm_v2} in FP32 with the row-major operand swap (see {@link Cublas});
 *       column sums (bias gradients) by {@code cublasSgemv_v2} with a vector of ones.
 *   <li>Everything else: the CUDA C kernels of {@code invstream_kernels.cu}, built into the jar by
 *       nvcc or compiled at start by NVRTC ({@link KernelModule}); compiled with {@code
 *       -fmad=false}, so elementwise results equal the CPU backend's bit for bit, and reductions
 *       (sums in double, fixed order) agree to rounding and are reproducible run to run.
 *   <li>Memory: {@code cuMemAlloc} chunks handed out by an arena ({@link DeviceArena}), zero-filled
 *       on allocation; no managed memory. Tensors live until {@link #close()}.
 *   <li>Errors: every driver, cuBLAS and NVRTC status is checked; failures are {@link
 *       CudaException}s naming the call and the code. Size mismatches are {@link
 *       IllegalArgumentException}s with the CPU backend's messages, raised before any launch.
 * </ul>
 *
 * <p>Work is queued on one stream; calls that return a scalar (dot products, masks' kept counts,
 * cross-entropy) and downloads wait for it. Not thread-safe, like every backend; it may be used
 * from a thread other than the one that opened it.
 */
public final class CudaBackend implements TensorBackend, GemmProfiling, AutoCloseable {

  private final Accelerator device;
  private final Map<Integer, CudaTensor> gramBuffers = new HashMap<>();
  private final List<GemmShape> recorded = new ArrayList<>();
  private final GemmReplay replay;
  private boolean recording;
  private long ones;
  private int onesLength;
  private long allocations;
  private long allocatedBytes;
  private long gemmCalls;
  private long gemmFlops;

  CudaBackend(Accelerator device) {
    this.device = device;
    this.replay = new GemmReplay(this, device);
  }

  /** Whether a GPU is usable here and, if not, why; never throws, creates no context. */
  public static BackendAvailability probe() {
    return CudaProbe.probe();
  }

  /** Opens the GPU {@code INVSTREAM_CUDA_DEVICE} (default 0); throws with the reason on failure. */
  public static CudaBackend open() {
    return new CudaBackend(DeviceContext.open());
  }

  @Override
  public String description() {
    return "cuda " + device.deviceName() + ", " + device.blasDescription() + ", " + device.kernelsDescription();
  }

  // ---- storage -----------------------------------------------------------------------------

  @Override
  public Tensor allocate(Shape shape) {
    device.bind();
    long bytes = 4 * shape.size();
    long address = device.allocate(bytes);
    device.fill(address, 0f, shape.size());
    allocations++;
    allocatedBytes += bytes;
    return new CudaTensor(shape, address, this);
  }

  @Override
  public Tensor view(Tensor base, long offset, Shape shape) {
    CudaTensor b = cuda(base);
    ShapeChecks.view(b.size(), offset, shape);
    return new CudaTensor(shape, b.at(offset), this);
  }

  @Override
  public void upload(float[] src, int srcOffset, Tensor dst, long dstOffset, int length) {
    CudaTensor d = cuda(dst);
    ShapeChecks.transfer(src.length, srcOffset, d.size(), dstOffset, length);
    device.bind();
    device.upload(src, srcOffset, d.at(dstOffset), length);
  }

  @Override
  public void download(Tensor src, long srcOffset, float[] dst, int dstOffset, int length) {
    CudaTensor s = cuda(src);
    ShapeChecks.transfer(dst.length, dstOffset, s.size(), srcOffset, length);
    device.bind();
    device.download(s.at(srcOffset), dst, dstOffset, length);
  }

  @Override
  public BackendCounters counters() {
    return new BackendCounters(allocations, allocatedBytes, gemmCalls, gemmFlops);
  }

  // ---- BLAS-like ----------------------------------------------------------------------------

  @Override
  public void gemm(boolean transA, boolean transB, float alpha, Tensor a, Tensor b, float beta, Tensor c) {
    CudaTensor ca = cuda(a);
    CudaTensor cb = cuda(b);
    CudaTensor cc = cuda(c);
    int k = ShapeChecks.gemm(transA, transB, a, b, c);
    int m = rows(c);
    int n = cols(c);
    device.bind();
    device.sgemm(transA, transB, m, n, k, alpha, ca.address(), cols(a), cb.address(), cols(b), beta, cc.address());
    gemmCalls++;
    gemmFlops += 2L * m * n * k;
    if (recording) {
      recorded.add(new GemmShape(transA, transB, m, n, k));
    }
  }

  @Override
  public void fill(Tensor x, float value) {
    CudaTensor t = cuda(x);
    device.bind();
    device.fill(t.address(), value, t.size());
  }

  @Override
  public void copy(Tensor src, Tensor dst) {
    ShapeChecks.sameLength(src, dst);
    CudaTensor s = cuda(src);
    CudaTensor d = cuda(dst);
    device.bind();
    device.copy(d.address(), s.address(), 4 * s.size());
  }

  @Override
  public void axpy(float alpha, Tensor x, Tensor y) {
    ShapeChecks.sameLength(x, y);
    launch(Kernel.AXPY, blocksFor(x.size()), length(x), alpha, ptr(x), ptr(y));
  }

  @Override
  public void scale(float alpha, Tensor x) {
    launch(Kernel.SCALE, blocksFor(x.size()), length(x), alpha, ptr(x));
  }

  @Override
  public void multiply(Tensor a, Tensor b, Tensor out) {
    ShapeChecks.sameLength(a, b);
    ShapeChecks.sameLength(a, out);
    launch(Kernel.MULTIPLY, blocksFor(a.size()), length(a), ptr(a), ptr(b), ptr(out));
  }

  @Override
  public double dot(Tensor a, Tensor b) {
    ShapeChecks.sameLength(a, b);
    int blocks = blocksFor(a.size());
    launch(Kernel.DOT_PARTIALS, blocks, length(a), ptr(a), ptr(b), device.partials());
    return reduce(1, blocks)[0];
  }

  @Override
  public double sumOfSquares(Tensor x) {
    return dot(x, x);
  }

  @Override
  public void linearCombination(double[] coefficients, Tensor stacked, Tensor out) {
    ShapeChecks.linearCombination(coefficients.length, stacked, out);
    int n = cols(stacked);
    for (int first = 0; first < coefficients.length; first += Kernel.MAX_COEFFICIENTS) {
      int count = Math.min(Kernel.MAX_COEFFICIENTS, coefficients.length - first);
      float[] c = new float[count];
      for (int i = 0; i < count; i++) {
        c[i] = (float) coefficients[first + i];
      }
      launch(Kernel.LINEAR_COMBINATION, blocksFor(n), n, first, count, c, ptr(stacked), first == 0 ? 0 : 1, ptr(out));
    }
  }

  // ---- layers -------------------------------------------------------------------------------

  @Override
  public void addBias(Tensor x, Tensor bias, boolean relu) {
    ShapeChecks.bias(x, bias);
    launch(Kernel.ADD_BIAS, blocksFor(x.size()), rows(x), cols(x), ptr(x), ptr(bias), relu ? 1 : 0);
  }

  @Override
  public void reluBackward(Tensor gradient, Tensor activation) {
    ShapeChecks.sameLength(gradient, activation);
    launch(Kernel.RELU_BACKWARD, blocksFor(gradient.size()), length(gradient), ptr(gradient), ptr(activation));
  }

  @Override
  public void columnSums(Tensor x, float beta, Tensor out) {
    ShapeChecks.columnSums(x, out);
    CudaTensor cx = cuda(x);
    CudaTensor co = cuda(out);
    device.bind();
    device.columnSums(rows(x), cols(x), cx.address(), ones(rows(x)), beta, co.address());
  }

  @Override
  public CrossEntropy softmaxCrossEntropy(
      Tensor logits, Tensor labels, Tensor weights, Tensor probabilities, Tensor logitGradient) {
    ShapeChecks.crossEntropy(logits, labels, weights, probabilities, logitGradient);
    int rows = rows(logits);
    int k = cols(logits);
    long w = weights == null ? 0L : ptr(weights);
    device.bind();
    device.fillBits(device.flags(), Integer.MAX_VALUE, 1);
    int blocks = blocksFor(rows);
    launch(Kernel.CROSS_ENTROPY_ROWS, blocks, rows, k, ptr(logits), ptr(labels), w, ptr(probabilities),
        device.partials(), device.flags());
    launchReduce(3, blocks);
    launch(Kernel.CROSS_ENTROPY_GRADIENT, blocksFor((long) rows * k), rows, k, ptr(labels), w, ptr(probabilities),
        device.results(), 1, ptr(logitGradient));
    double[] sums = device.readResults(3);
    int badRow = device.flag(0);
    if (badRow != Integer.MAX_VALUE) {
      float[] label = new float[1];
      download(labels, badRow, label, 0, 1);
      throw new IllegalArgumentException(
          "row " + badRow + " has label " + label[0] + "; labels must be integers in [0, " + k + ")");
    }
    double weightSum = sums[1];
    return new CrossEntropy(weightSum > 0 ? sums[0] / weightSum : 0.0, weightSum, (int) sums[2]);
  }

  @Override
  public void softmax(Tensor logits, Tensor probabilities) {
    ShapeChecks.sameLength(logits, probabilities);
    launch(Kernel.SOFTMAX_ROWS, blocksFor(rows(logits)), rows(logits), cols(logits), ptr(logits), ptr(probabilities));
  }

  @Override
  public void transposeMatrices(Tensor in, Tensor out) {
    Shape s = in.shape();
    ShapeChecks.transpose(s, out.shape());
    launch(Kernel.TRANSPOSE_MATRICES, blocksFor(in.size()), s.dim(0), s.dim(1), s.dim(2), ptr(in), ptr(out));
  }

  @Override
  public void im2col(Tensor images, int kernelSize, int padding, Tensor columns) {
    int[] g = ShapeChecks.im2col(images.shape(), kernelSize, padding, columns.shape());
    launch(Kernel.IM2COL, blocksFor(columns.size()), g[0], g[1], g[2], g[3], kernelSize, padding, ptr(images),
        ptr(columns));
  }

  @Override
  public void col2im(Tensor columns, int kernelSize, int padding, Tensor images) {
    int[] g = ShapeChecks.im2col(images.shape(), kernelSize, padding, columns.shape());
    launch(Kernel.COL2IM, blocksFor(images.size()), g[0], g[1], g[2], g[3], kernelSize, padding, ptr(columns),
        ptr(images));
  }

  @Override
  public void maxPool2x2(Tensor in, Tensor out) {
    int[] p = ShapeChecks.pool(in.shape(), out.shape());
    launch(Kernel.MAX_POOL, blocksFor(out.size()), p[0], p[1], p[2], p[3], ptr(in), ptr(in), 0, ptr(out));
  }

  @Override
  public void maxPool2x2Backward(Tensor in, Tensor outGradient, Tensor inGradient) {
    int[] p = ShapeChecks.pool(in.shape(), outGradient.shape());
    ShapeChecks.sameLength(in, inGradient);
    launch(Kernel.MAX_POOL_BACKWARD, blocksFor(in.size()), p[0], p[1], p[2], p[3], ptr(in), ptr(outGradient),
        ptr(inGradient));
  }

  @Override
  public void maxPool2x2Tangent(Tensor in, Tensor inTangent, Tensor outTangent) {
    int[] p = ShapeChecks.pool(in.shape(), outTangent.shape());
    ShapeChecks.sameLength(in, inTangent);
    launch(Kernel.MAX_POOL, blocksFor(outTangent.size()), p[0], p[1], p[2], p[3], ptr(in), ptr(inTangent), 1,
        ptr(outTangent));
  }

  // ---- invariance -----------------------------------------------------------------------------

  @Override
  public long andMask(Tensor stacked, float tau, Tensor out) {
    return (long) mask(Kernel.AND_MASK, stacked, out, tau);
  }

  @Override
  public double sandMask(Tensor stacked, float tau, float k, Tensor out) {
    return mask(Kernel.SAND_MASK, stacked, out, tau, k);
  }

  @Override
  public long andMaskGeometricMean(Tensor stacked, float tau, Tensor out) {
    return (long) mask(Kernel.AND_MASK_GEOMETRIC, stacked, out, tau);
  }

  /** A mask kernel writing unscaled values and partial mask sums, then the rescale by the kept fraction. */
  private double mask(Kernel kernel, Tensor stacked, Tensor out, float... scalars) {
    ShapeChecks.maskOut(stacked, out);
    int e = rows(stacked);
    int n = cols(stacked);
    int blocks = blocksFor(n);
    if (kernel == Kernel.SAND_MASK) {
      launch(kernel, blocks, e, n, scalars[0], scalars[1], ptr(stacked), ptr(out), device.partials());
    } else {
      launch(kernel, blocks, e, n, scalars[0], ptr(stacked), ptr(out), device.partials());
    }
    launchReduce(1, blocks);
    launch(Kernel.SCALE_BY_KEPT, blocksFor(n), n, device.results(), 0, ptr(out));
    return device.readResults(1)[0];
  }

  @Override
  public long gradientConsistency(Tensor stacked, double[] gram) {
    int e = rows(stacked);
    int n = cols(stacked);
    ShapeChecks.gram(e, gram);
    CudaTensor g = cuda(stacked);
    CudaTensor product = gramBuffers.computeIfAbsent(e, rowsCount -> (CudaTensor) allocate(Shape.of(rowsCount, rowsCount)));
    device.bind();
    device.sgemm(false, true, e, e, n, 1f, g.address(), n, g.address(), n, 0f, product.address());
    int blocks = blocksFor(n);
    launch(Kernel.SIGN_AGREEMENT, blocks, e, n, g.address(), device.partials());
    launchReduce(1, blocks);
    float[] values = new float[e * e];
    device.download(product.address(), values, 0, values.length);
    for (int i = 0; i < values.length; i++) {
      gram[i] += values[i];
    }
    return (long) device.readResults(1)[0];
  }

  @Override
  public void classifierGradientVariance(Tensor errors, Tensor features, Tensor weightVariance, Tensor biasVariance) {
    ShapeChecks.classifierVariance(errors, features, weightVariance, biasVariance);
    int k = cols(errors);
    int d = cols(features);
    launch(Kernel.CLASSIFIER_GRADIENT_VARIANCE, blocksFor((long) k * (d + 1)), rows(errors), k, d, ptr(errors),
        ptr(features), ptr(weightVariance), ptr(biasVariance));
  }

  // ---- optimisers -----------------------------------------------------------------------------

  @Override
  public void adamStep(Tensor parameters, Tensor gradient, Tensor m, Tensor v, AdamCoefficients c) {
    ShapeChecks.sameLength(parameters, gradient);
    ShapeChecks.sameLength(parameters, m);
    ShapeChecks.sameLength(parameters, v);
    float stepSize = (float) (c.learningRate() / c.biasCorrection1());
    float rootBc2 = (float) Math.sqrt(c.biasCorrection2());
    launch(Kernel.ADAM, blocksFor(parameters.size()), length(parameters), ptr(parameters), ptr(gradient), ptr(m), ptr(v),
        c.beta1(), c.beta2(), c.epsilon(), c.weightDecay(), stepSize, rootBc2);
  }

  @Override
  public void sgdMomentumStep(
      Tensor parameters, Tensor gradient, Tensor velocity, float learningRate, float momentum, float weightDecay) {
    ShapeChecks.sameLength(parameters, gradient);
    ShapeChecks.sameLength(parameters, velocity);
    launch(Kernel.SGD_MOMENTUM, blocksFor(parameters.size()), length(parameters), ptr(parameters), ptr(gradient),
        ptr(velocity), learningRate, momentum, weightDecay);
  }

  // ---- explanation penalties ------------------------------------------------------------------

  @Override
  public double logProbabilitySumTangent(Tensor probabilities, Tensor logitTangent, Tensor weights, float scale,
      Tensor logitGradient, Tensor logitTangentGradient) {
    ShapeChecks.tangent(probabilities, logitTangent, weights, logitGradient, logitTangentGradient);
    int rows = rows(probabilities);
    int blocks = blocksFor(rows);
    launch(Kernel.LOG_PROBABILITY_SUM_TANGENT, blocks, rows, cols(probabilities), ptr(probabilities), ptr(logitTangent),
        weights == null ? 0L : ptr(weights), scale, ptr(logitGradient), ptr(logitTangentGradient), device.partials());
    launchReduce(1, blocks);
    return device.readResults(1)[0];
  }

  @Override
  public void markLargeMagnitudes(Tensor values, float cutoff, Tensor mask) {
    ShapeChecks.sameShape(values, mask);
    int rows = rows(values);
    launch(Kernel.MARK_LARGE_MAGNITUDES, Math.min(rows, KernelLauncher.MAX_BLOCKS), rows, cols(values), cutoff,
        ptr(values), ptr(mask));
  }

  // ---- GEMM profiling -------------------------------------------------------------------------

  @Override
  public void recordGemmShapes(boolean on) {
    if (on) {
      recorded.clear();
    }
    recording = on;
  }

  @Override
  public List<GemmShape> recordedGemmShapes() {
    return List.copyOf(recorded);
  }

  @Override
  public GemmTiming timeGemms(List<GemmShape> shapes, int repetitions) {
    long calls = gemmCalls;
    long flops = gemmFlops;
    boolean wasRecording = recording;
    recording = false;
    try {
      return replay.time(shapes, repetitions);
    } finally {
      gemmCalls = calls;
      gemmFlops = flops;
      recording = wasRecording;
    }
  }

  /** Releases the device memory, cuBLAS, the kernels and the context; tensors become invalid. */
  @Override
  public void close() {
    device.close();
  }

  // ---- helpers --------------------------------------------------------------------------------

  private void launch(Kernel kernel, int blocks, Object... args) {
    device.bind();
    device.launch(kernel, blocks, args);
  }

  /** Adds each of {@code sums} rows of {@code blocks} partials into the result doubles. */
  private void launchReduce(int sums, int blocks) {
    device.launch(Kernel.REDUCE_PARTIALS, sums, blocks, device.partials(), device.results());
  }

  private double[] reduce(int sums, int blocks) {
    launchReduce(sums, blocks);
    return device.readResults(sums);
  }

  /** A device vector of at least {@code length} ones, grown (doubling) when too short. */
  private long ones(int length) {
    if (length > onesLength) {
      int grown = Math.max(length, 2 * onesLength);
      ones = device.allocate(4L * grown);
      device.fill(ones, 1f, grown);
      onesLength = grown;
    }
    return ones;
  }

  private long ptr(Tensor t) {
    return cuda(t).address();
  }

  CudaTensor cuda(Tensor t) {
    if (t instanceof CudaTensor c && c.backend() == this) {
      return c;
    }
    throw new IllegalArgumentException(
        "tensor " + t + " was not created by this CUDA backend; tensors cannot cross backends");
  }

  /** Direct library GEMM on raw addresses, for {@link GemmReplay}'s library-side timing. */
  void libraryGemm(GemmShape s, long a, long b, long c) {
    device.sgemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), 1f, a, s.transA() ? s.m() : s.k(), b,
        s.transB() ? s.k() : s.n(), 0f, c);
  }
}
