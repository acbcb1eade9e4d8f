package io.invstream.trainer.model;

import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.param.ParameterLayout;
import io.invstream.trainer.param.ParameterSpec;
import io.invstream.trainer.tensor.RowBuffer;
import io.invstream.trainer.tensor.Shape;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The {@link Cnn} architecture. Convolutions are im2col followed by one GEMM over the whole batch
 * ({@code [N·H·W, C·9] × [F, C·9]ᵀ}), so the activations come out channels-last and the weight
 * {@code [F, C, 3, 3]} is used as the matrix {@code [F, C·9]} as stored.
 *
 * <p>Parameters: {@code conv0.weight [F1, C, 3, 3]}, {@code conv0.bias}, {@code conv1.weight [F2,
 * F1, 3, 3]}, {@code conv1.bias}, {@code dense0.weight [classes, (H/4)(W/4)F2]}, {@code
 * dense0.bias}.
 *
 * <p>Forward tangents ({@link TangentModel}): convolutions are linear in their input, so a tangent
 * goes through the same im2col and GEMM without the bias; ReLU's tangent is the primal activation
 * mask and max-pooling's is the entry at the primal arg-max ({@link
 * TensorBackend#maxPool2x2Tangent}). Both are constant almost everywhere, so the reverse pass over
 * the tangent chain reuses {@code maxPool2x2Backward} and {@code reluBackward} with the primal
 * activations, and the two chains meet only in the weight gradients.
 */
final class ConvNetwork implements TangentModel {

  static final int KERNEL = 3;
  private static final int PADDING = 1;
  private static final int CONV0_W = 0;
  private static final int CONV0_B = 1;
  private static final int CONV1_W = 2;
  private static final int CONV1_B = 3;

  private final TensorBackend backend;
  private final Cnn spec;
  private final ParameterLayout layout;
  private final ParameterBlock parameters;
  private final DenseLayer classifier = new DenseLayer(4, 5, false);

  ConvNetwork(TensorBackend backend, Cnn spec, RandomGenerator random) {
    this.backend = backend;
    this.spec = spec;
    int c = spec.channels();
    int f1 = spec.filters1();
    int f2 = spec.filters2();
    this.layout =
        new ParameterLayout(
            List.of(
                new ParameterSpec("conv0.weight", Shape.of(f1, c, KERNEL, KERNEL)),
                new ParameterSpec("conv0.bias", Shape.of(f1)),
                new ParameterSpec("conv1.weight", Shape.of(f2, f1, KERNEL, KERNEL)),
                new ParameterSpec("conv1.bias", Shape.of(f2)),
                new ParameterSpec("dense0.weight", Shape.of(spec.classes(), spec.featureSize())),
                new ParameterSpec("dense0.bias", Shape.of(spec.classes()))));
    this.parameters = layout.allocate(backend);
    int[] fanIn = {c * KERNEL * KERNEL, c * KERNEL * KERNEL, f1 * KERNEL * KERNEL, f1 * KERNEL * KERNEL,
        spec.featureSize(), spec.featureSize()};
    for (int p = 0; p < fanIn.length; p++) {
      FanInUniform.fill(backend, parameters, p, fanIn[p], random);
    }
  }

  @Override
  public ModelSpec spec() {
    return spec;
  }

  @Override
  public int inputSize() {
    return spec.inputs();
  }

  @Override
  public int featureSize() {
    return spec.featureSize();
  }

  @Override
  public int classes() {
    return spec.classes();
  }

  @Override
  public ParameterLayout layout() {
    return layout;
  }

  @Override
  public ParameterBlock parameters() {
    return parameters;
  }

  @Override
  public Tape newTape() {
    return new ConvTape(backend, this, spec);
  }

  @Override
  public void forward(Tape tape) {
    ConvTape t = own(tape);
    backend.transposeMatrices(t.all(t.input, ConvTape.PLANES), t.all(t.hwc, ConvTape.PIXELS));
    convolve(t.all(t.hwc), t.all(t.columns0), CONV0_W, CONV0_B, t.all(t.conv0, ConvTape.MATRIX));
    backend.maxPool2x2(t.all(t.conv0), t.all(t.pool0));
    convolve(t.all(t.pool0), t.all(t.columns1), CONV1_W, CONV1_B, t.all(t.conv1, ConvTape.MATRIX));
    backend.maxPool2x2(t.all(t.conv1), t.all(t.pool1));
    classifier.forward(backend, parameters, t.features(), t.logits());
  }

  @Override
  public void backward(
      Tape tape, List<ParameterBlock> segmentGradients, boolean addFeatureGradient, boolean inputGradient) {
    ConvTape t = own(tape);
    BatchLayout batch = t.layout();
    if (segmentGradients.size() != batch.segments()) {
      throw new IllegalArgumentException(
          segmentGradients.size() + " gradient blocks for " + batch.segments() + " segments");
    }
    for (int s = 0; s < batch.segments(); s++) {
      classifier.parameterGradient(backend, t.features(s), t.logitGradient(s), segmentGradients.get(s));
    }
    Tensor dFeatures = t.all(t.dPool1, ConvTape.FLAT);
    classifier.inputGradient(backend, parameters, t.logitGradient(), dFeatures);
    if (addFeatureGradient) {
      backend.axpy(1f, t.featureGradient(), dFeatures);
    }
    throughPoolAndRelu(t.conv1, t.dPool1, t.dConv1, t);
    for (int s = 0; s < batch.segments(); s++) {
      convolutionGradient(
          t.segment(t.columns1, 0, s), t.segment(t.dConv1, ConvTape.MATRIX, s), CONV1_W, CONV1_B, segmentGradients.get(s));
    }
    backend.gemm(false, false, 1f, t.all(t.dConv1, ConvTape.MATRIX), parameters.tensor(CONV1_W), 0f, t.all(t.dColumns1));
    backend.col2im(t.all(t.dColumns1), KERNEL, PADDING, t.all(t.dPool0));
    throughPoolAndRelu(t.conv0, t.dPool0, t.dConv0, t);
    for (int s = 0; s < batch.segments(); s++) {
      convolutionGradient(
          t.segment(t.columns0, 0, s), t.segment(t.dConv0, ConvTape.MATRIX, s), CONV0_W, CONV0_B, segmentGradients.get(s));
    }
    if (inputGradient) {
      backend.gemm(false, false, 1f, t.all(t.dConv0, ConvTape.MATRIX), parameters.tensor(CONV0_W), 0f, t.all(t.dColumns0));
      backend.col2im(t.all(t.dColumns0), KERNEL, PADDING, t.all(t.dHwc));
      backend.transposeMatrices(t.all(t.dHwc, ConvTape.PIXELS), t.all(t.inputGradientBuffer(), ConvTape.PLANES));
    }
  }

  @Override
  public void forwardTangent(Tape tape) {
    ConvTape t = own(tape);
    ConvTape.Tangents d = t.tangents();
    backend.transposeMatrices(t.inputTangentPlanes(), t.all(d.hwc, ConvTape.PIXELS));
    convolveTangent(t.all(d.hwc), t.all(d.columns0), CONV0_W, t.all(d.conv0, ConvTape.MATRIX));
    backend.reluBackward(t.all(d.conv0), t.all(t.conv0));
    backend.maxPool2x2Tangent(t.all(t.conv0), t.all(d.conv0), t.all(d.pool0));
    convolveTangent(t.all(d.pool0), t.all(d.columns1), CONV1_W, t.all(d.conv1, ConvTape.MATRIX));
    backend.reluBackward(t.all(d.conv1), t.all(t.conv1));
    backend.maxPool2x2Tangent(t.all(t.conv1), t.all(d.conv1), t.all(d.pool1));
    classifier.forwardTangent(backend, parameters, t.all(d.pool1, ConvTape.FLAT), t.logits(), t.logitTangent());
  }

  @Override
  public void backwardThroughTangent(Tape tape, List<ParameterBlock> segmentGradients) {
    ConvTape t = own(tape);
    ConvTape.Tangents d = t.tangents();
    BatchLayout batch = t.layout();
    if (segmentGradients.size() != batch.segments()) {
      throw new IllegalArgumentException(
          segmentGradients.size() + " gradient blocks for " + batch.segments() + " segments");
    }
    for (int s = 0; s < batch.segments(); s++) {
      ParameterBlock grads = segmentGradients.get(s);
      classifier.parameterGradient(backend, t.features(s), t.logitGradient(s), grads);
      classifier.addTangentWeightGradient(
          backend, t.segment(d.pool1, ConvTape.FLAT, s), t.logitTangentGradient(s), grads);
    }
    classifier.inputGradient(backend, parameters, t.logitGradient(), t.all(t.dPool1, ConvTape.FLAT));
    classifier.inputGradient(backend, parameters, t.logitTangentGradient(), t.all(d.dPool1, ConvTape.FLAT));
    throughPoolAndRelu(t.conv1, t.dPool1, t.dConv1, t);
    throughPoolAndRelu(t.conv1, d.dPool1, d.dConv1, t);
    for (int s = 0; s < batch.segments(); s++) {
      convolutionGradient(
          t.segment(t.columns1, 0, s), t.segment(t.dConv1, ConvTape.MATRIX, s), CONV1_W, CONV1_B, segmentGradients.get(s));
      addTangentConvolutionGradient(
          t.segment(d.columns1, 0, s), t.segment(d.dConv1, ConvTape.MATRIX, s), CONV1_W, segmentGradients.get(s));
    }
    backend.gemm(false, false, 1f, t.all(t.dConv1, ConvTape.MATRIX), parameters.tensor(CONV1_W), 0f, t.all(t.dColumns1));
    backend.col2im(t.all(t.dColumns1), KERNEL, PADDING, t.all(t.dPool0));
    backend.gemm(false, false, 1f, t.all(d.dConv1, ConvTape.MATRIX), parameters.tensor(CONV1_W), 0f, t.all(d.dColumns1));
    backend.col2im(t.all(d.dColumns1), KERNEL, PADDING, t.all(d.dPool0));
    throughPoolAndRelu(t.conv0, t.dPool0, t.dConv0, t);
    throughPoolAndRelu(t.conv0, d.dPool0, d.dConv0, t);
    for (int s = 0; s < batch.segments(); s++) {
      convolutionGradient(
          t.segment(t.columns0, 0, s), t.segment(t.dConv0, ConvTape.MATRIX, s), CONV0_W, CONV0_B, segmentGradients.get(s));
      addTangentConvolutionGradient(
          t.segment(d.columns0, 0, s), t.segment(d.dConv0, ConvTape.MATRIX, s), CONV0_W, segmentGradients.get(s));
    }
  }

  /** {@code out = im2col(images) Wᵀ}: a convolution's tangent, linear and without bias. */
  private void convolveTangent(Tensor images, Tensor columns, int weight, Tensor out) {
    backend.im2col(images, KERNEL, PADDING, columns);
    backend.gemm(false, true, 1f, columns, parameters.tensor(weight), 0f, out);
  }

  /** {@code dW += dOutᵀ columns} for the tangent chain (no bias term). */
  private void addTangentConvolutionGradient(Tensor columns, Tensor dOut, int weight, ParameterBlock grads) {
    backend.gemm(true, false, 1f, dOut, columns, 1f, grads.tensor(weight));
  }

  /** Routes a pooled gradient back to the primal arg-maxes, then through the primal ReLU mask. */
  private void throughPoolAndRelu(
      RowBuffer activation, RowBuffer pooledGradient, RowBuffer gradient, ConvTape t) {
    backend.maxPool2x2Backward(t.all(activation), t.all(pooledGradient), t.all(gradient));
    backend.reluBackward(t.all(gradient), t.all(activation));
  }

  @Override
  public Model replicate() {
    ConvNetwork copy = new ConvNetwork(backend, spec, new SplittableRandom(0));
    copy.parameters.copyFrom(backend, parameters);
    return copy;
  }

  /** {@code out = relu(im2col(images) Wᵀ + b)}, W read as {@code [F, C·9]}. */
  private void convolve(Tensor images, Tensor columns, int weight, int bias, Tensor out) {
    backend.im2col(images, KERNEL, PADDING, columns);
    backend.gemm(false, true, 1f, columns, parameters.tensor(weight), 0f, out);
    backend.addBias(out, parameters.tensor(bias), true);
  }

  private void convolutionGradient(Tensor columns, Tensor dOut, int weight, int bias, ParameterBlock grads) {
    backend.gemm(true, false, 1f, dOut, columns, 0f, grads.tensor(weight));
    backend.columnSums(dOut, 0f, grads.tensor(bias));
  }

  private ConvTape own(Tape tape) {
    if (tape instanceof ConvTape t && t.model == this) {
      return t;
    }
    throw new IllegalArgumentException("tape was not created by this model; use model.newTape()");
  }
}
