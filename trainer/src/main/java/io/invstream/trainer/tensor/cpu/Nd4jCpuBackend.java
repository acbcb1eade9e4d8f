package io.invstream.trainer.tensor.cpu;

import io.invstream.trainer.tensor.AdamCoefficients;
import io.invstream.trainer.tensor.BackendCounters;
import io.invstream.trainer.tensor.CrossEntropy;
import io.invstream.trainer.tensor.Shape;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * CPU implementation of the seam on nd4j-native: storage in ND4J float buffers, GEMM through the
 * OpenBLAS that nd4j-native bundles, every other kernel as a single fused loop in Java.
 *
 * <p>Why loops rather than ND4J ops: an ND4J op costs 4–30 µs of dispatch whatever its size, and
 * the trainer's elementwise work is a few ·10⁵ elements at most, where one fused pass in Java is
 * both faster and keeps the intermediate results out of memory. Storage is never allocated during
 * a step (see {@link io.invstream.trainer.tensor.RowBuffer}), so resident memory stays flat without
 * ND4J workspaces.
 *
 * <p>Set {@code OPENBLAS_CORETYPE=SKYLAKEX} in the environment on AVX-512 CPUs that the bundled
 * OpenBLAS 0.3.19 does not recognise (AMD Zen 4/5): GEMM is then up to 1.7× faster, same results.
 */
public final class Nd4jCpuBackend implements TensorBackend {

  /**
   * Up to this many environments the Gram matrix is E(E+1)/2 BLAS dot products (double
   * accumulation, memory-bound); beyond, one GEMM. OpenBLAS's GEMM is slow for very skinny
   * products (3×200k×3 took 1.2 ms against 0.14 ms for six dots).
   */
  private static final int DOT_GRAM_MAX_ROWS = 8;

  private final Scratch scratch = new Scratch();
  private final Map<Integer, Tensor> gramBuffers = new HashMap<>();
  private long allocations;
  private long allocatedBytes;
  private long gemmCalls;
  private long gemmFlops;

  /** Creates the backend, loading ND4J's natives on first use (about half a second). */
  public Nd4jCpuBackend() {
    Nd4j.getBackend();
  }

  @Override
  public String description() {
    return "nd4j-native cpu, " + Blas.threadDescription();
  }

  @Override
  public Tensor allocate(Shape shape) {
    INDArray array = Nd4j.zeros(DataType.FLOAT, shape.size());
    allocations++;
    allocatedBytes += 4 * shape.size();
    return new CpuTensor(shape, array, window(array.data().asNioFloat(), 0, shape.size()));
  }

  @Override
  public Tensor view(Tensor base, long offset, Shape shape) {
    CpuTensor b = cpu(base);
    if (offset < 0 || offset + shape.size() > b.size()) {
      throw new IllegalArgumentException(
          "view " + shape + " at offset " + offset + " does not fit in a tensor of " + b.size() + " elements");
    }
    return new CpuTensor(shape, b.owner(), window(b.data(), offset, shape.size()));
  }

  @Override
  public void upload(float[] src, int srcOffset, Tensor dst, long dstOffset, int length) {
    cpu(dst).data().put(Math.toIntExact(dstOffset), src, srcOffset, length);
  }

  @Override
  public void download(Tensor src, long srcOffset, float[] dst, int dstOffset, int length) {
    cpu(src).data().get(Math.toIntExact(srcOffset), dst, dstOffset, length);
  }

  @Override
  public BackendCounters counters() {
    return new BackendCounters(allocations, allocatedBytes, gemmCalls, gemmFlops);
  }

  @Override
  public void gemm(boolean transA, boolean transB, float alpha, Tensor a, Tensor b, float beta, Tensor c) {
    CpuTensor ca = cpu(a);
    CpuTensor cc = cpu(c);
    Blas.sgemm(transA, transB, alpha, ca, cpu(b), beta, cc);
    gemmCalls++;
    gemmFlops += 2L * cc.rows() * cc.cols() * (transA ? ca.rows() : ca.cols());
  }

  @Override
  public void fill(Tensor x, float value) {
    ElementwiseKernels.fill(cpu(x), value, scratch);
  }

  @Override
  public void copy(Tensor src, Tensor dst) {
    ElementwiseKernels.copy(cpu(src), cpu(dst));
  }

  @Override
  public void axpy(float alpha, Tensor x, Tensor y) {
    ElementwiseKernels.axpy(alpha, cpu(x), cpu(y), scratch);
  }

  @Override
  public void scale(float alpha, Tensor x) {
    ElementwiseKernels.scale(alpha, cpu(x), scratch);
  }

  @Override
  public void multiply(Tensor a, Tensor b, Tensor out) {
    ElementwiseKernels.multiply(cpu(a), cpu(b), cpu(out), scratch);
  }

  @Override
  public double dot(Tensor a, Tensor b) {
    return ElementwiseKernels.dot(cpu(a), cpu(b), scratch);
  }

  @Override
  public double sumOfSquares(Tensor x) {
    return ElementwiseKernels.sumOfSquares(cpu(x), scratch);
  }

  @Override
  public void linearCombination(double[] coefficients, Tensor stacked, Tensor out) {
    ElementwiseKernels.linearCombination(coefficients, cpu(stacked), cpu(out), scratch);
  }

  @Override
  public void addBias(Tensor x, Tensor bias, boolean relu) {
    ElementwiseKernels.addBias(cpu(x), cpu(bias), relu, scratch);
  }

  @Override
  public void reluBackward(Tensor gradient, Tensor activation) {
    ElementwiseKernels.reluBackward(cpu(gradient), cpu(activation), scratch);
  }

  @Override
  public void columnSums(Tensor x, float beta, Tensor out) {
    ElementwiseKernels.columnSums(cpu(x), beta, cpu(out));
  }

  @Override
  public CrossEntropy softmaxCrossEntropy(
      Tensor logits, Tensor labels, Tensor weights, Tensor probabilities, Tensor logitGradient) {
    return SoftmaxKernels.softmaxCrossEntropy(
        cpu(logits), cpu(labels), weights == null ? null : cpu(weights), cpu(probabilities), cpu(logitGradient));
  }

  @Override
  public void softmax(Tensor logits, Tensor probabilities) {
    SoftmaxKernels.softmax(cpu(logits), cpu(probabilities));
  }

  @Override
  public void transposeMatrices(Tensor in, Tensor out) {
    ElementwiseKernels.transposeMatrices(cpu(in), cpu(out));
  }

  @Override
  public void im2col(Tensor images, int kernelSize, int padding, Tensor columns) {
    ImageKernels.im2col(cpu(images), kernelSize, padding, cpu(columns));
  }

  @Override
  public void col2im(Tensor columns, int kernelSize, int padding, Tensor images) {
    ImageKernels.col2im(cpu(columns), kernelSize, padding, cpu(images), scratch);
  }

  @Override
  public void maxPool2x2(Tensor in, Tensor out) {
    ImageKernels.maxPool2x2(cpu(in), cpu(out));
  }

  @Override
  public void maxPool2x2Backward(Tensor in, Tensor outGradient, Tensor inGradient) {
    ImageKernels.maxPool2x2Backward(cpu(in), cpu(outGradient), cpu(inGradient), scratch);
  }

  @Override
  public long andMask(Tensor stacked, float tau, Tensor out) {
    return MaskKernels.andMask(cpu(stacked), tau, cpu(out), scratch);
  }

  @Override
  public double sandMask(Tensor stacked, float tau, float k, Tensor out) {
    return MaskKernels.sandMask(cpu(stacked), tau, k, cpu(out), scratch);
  }

  @Override
  public long gradientConsistency(Tensor stacked, double[] gram) {
    CpuTensor g = cpu(stacked);
    int e = g.rows();
    if (gram.length < e * e) {
      throw new IllegalArgumentException("Gram accumulator of " + gram.length + " entries for " + e + " rows");
    }
    if (e <= DOT_GRAM_MAX_ROWS) {
      Blas.addRowDots(g, gram);
    } else {
      CpuTensor product = cpu(gramBuffers.computeIfAbsent(e, n -> allocate(Shape.of(n, n))));
      gemm(false, true, 1f, g, g, 0f, product);
      for (int i = 0; i < e * e; i++) {
        gram[i] += product.data().get(i);
      }
    }
    return MaskKernels.signAgreement(g, scratch);
  }

  @Override
  public void classifierGradientVariance(
      Tensor errors, Tensor features, Tensor weightVariance, Tensor biasVariance) {
    StatisticsKernels.classifierGradientVariance(
        cpu(errors), cpu(features), cpu(weightVariance), cpu(biasVariance));
  }

  @Override
  public void adamStep(Tensor parameters, Tensor gradient, Tensor m, Tensor v, AdamCoefficients c) {
    OptimizerKernels.adam(cpu(parameters), cpu(gradient), cpu(m), cpu(v), c, scratch);
  }

  @Override
  public void sgdMomentumStep(
      Tensor parameters, Tensor gradient, Tensor velocity, float learningRate, float momentum, float weightDecay) {
    OptimizerKernels.sgdMomentum(
        cpu(parameters), cpu(gradient), cpu(velocity), learningRate, momentum, weightDecay, scratch);
  }

  @Override
  public long andMaskGeometricMean(Tensor stacked, float tau, Tensor out) {
    return MaskKernels.andMaskGeometricMean(cpu(stacked), tau, cpu(out), scratch);
  }

  @Override
  public void maxPool2x2Tangent(Tensor in, Tensor inTangent, Tensor outTangent) {
    ImageKernels.maxPool2x2Tangent(cpu(in), cpu(inTangent), cpu(outTangent));
  }

  @Override
  public double logProbabilitySumTangent(
      Tensor probabilities, Tensor logitTangent, Tensor weights, float scale, Tensor logitGradient,
      Tensor logitTangentGradient) {
    return ExplanationKernels.logProbabilitySumTangent(
        cpu(probabilities), cpu(logitTangent), weights == null ? null : cpu(weights), scale, cpu(logitGradient),
        cpu(logitTangentGradient));
  }

  @Override
  public void markLargeMagnitudes(Tensor values, float cutoff, Tensor mask) {
    ExplanationKernels.markLargeMagnitudes(cpu(values), cutoff, cpu(mask));
  }

  private static FloatBuffer window(FloatBuffer data, long offset, long length) {
    return data.slice(Math.toIntExact(offset), Math.toIntExact(length));
  }

  private static CpuTensor cpu(Tensor t) {
    if (t instanceof CpuTensor c) {
      return c;
    }
    throw new IllegalArgumentException(
        "tensor " + t + " was not created by the CPU backend; tensors cannot cross backends");
  }
}
