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
 */
final class ConvNetwork implements Model {

  private static final int KERNEL = 3;
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
    backend.maxPool2x2Backward(t.all(t.conv1), t.all(t.dPool1), t.all(t.dConv1));
    backend.reluBackward(t.all(t.dConv1), t.all(t.conv1));
    for (int s = 0; s < batch.segments(); s++) {
      convolutionGradient(
          t.segment(t.columns1, 0, s), t.segment(t.dConv1, ConvTape.MATRIX, s), CONV1_W, CONV1_B, segmentGradients.get(s));
    }
    backend.gemm(false, false, 1f, t.all(t.dConv1, ConvTape.MATRIX), parameters.tensor(CONV1_W), 0f, t.all(t.dColumns1));
    backend.col2im(t.all(t.dColumns1), KERNEL, PADDING, t.all(t.dPool0));
    backend.maxPool2x2Backward(t.all(t.conv0), t.all(t.dPool0), t.all(t.dConv0));
    backend.reluBackward(t.all(t.dConv0), t.all(t.conv0));
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

  /**
   * Buffers of one pass. Image buffers are read as {@code [n, H, W, C]} (reading 0), {@link
   * #MATRIX} {@code [n·H·W, C]} for GEMMs, {@link #PIXELS} {@code [n, H·W, C]} for transposes and
   * {@link #FLAT} {@code [n, H·W·C]} as features; the input and its gradient as {@code [n, C·H·W]}
   * and {@link #PLANES} {@code [n, C, H·W]}.
   */
  private static final class ConvTape extends Tape {

    static final int MATRIX = 1;
    static final int PIXELS = 2;
    static final int FLAT = 3;
    static final int PLANES = 1;

    private final ConvNetwork model;
    private final RowBuffer input;
    private final RowBuffer hwc;
    private final RowBuffer columns0;
    private final RowBuffer conv0;
    private final RowBuffer pool0;
    private final RowBuffer columns1;
    private final RowBuffer conv1;
    private final RowBuffer pool1;
    private final RowBuffer dPool1;
    private final RowBuffer dConv1;
    private final RowBuffer dColumns1;
    private final RowBuffer dPool0;
    private final RowBuffer dConv0;
    private final RowBuffer dColumns0;
    private final RowBuffer dHwc;

    ConvTape(TensorBackend backend, ConvNetwork model, Cnn spec) {
      super(backend, model, planes(backend, spec), planes(backend, spec));
      this.model = model;
      int c = spec.channels();
      int h = spec.height();
      int w = spec.width();
      int f1 = spec.filters1();
      int f2 = spec.filters2();
      this.input = inputBuffer();
      this.hwc = buffer(images(backend, h, w, c));
      this.columns0 = buffer(columns(backend, h, w, c));
      this.conv0 = buffer(images(backend, h, w, f1));
      this.pool0 = buffer(images(backend, h / 2, w / 2, f1));
      this.columns1 = buffer(columns(backend, h / 2, w / 2, f1));
      this.conv1 = buffer(images(backend, h / 2, w / 2, f2));
      this.pool1 = buffer(images(backend, h / 4, w / 4, f2));
      this.dPool1 = buffer(images(backend, h / 4, w / 4, f2));
      this.dConv1 = buffer(images(backend, h / 2, w / 2, f2));
      this.dColumns1 = buffer(columns(backend, h / 2, w / 2, f1));
      this.dPool0 = buffer(images(backend, h / 2, w / 2, f1));
      this.dConv0 = buffer(images(backend, h, w, f1));
      this.dColumns0 = buffer(columns(backend, h, w, c));
      this.dHwc = buffer(images(backend, h, w, c));
    }

    @Override
    protected RowBuffer featureBuffer() {
      return pool1;
    }

    @Override
    public Tensor features() {
      return all(pool1, FLAT);
    }

    @Override
    public Tensor features(int segment) {
      return segment(pool1, FLAT, segment);
    }

    private static RowBuffer images(TensorBackend backend, int h, int w, int c) {
      return new RowBuffer(
          backend,
          n -> Shape.of(n, h, w, c),
          n -> Shape.of(n * h * w, c),
          n -> Shape.of(n, h * w, c),
          n -> Shape.of(n, h * w * c));
    }

    private static RowBuffer columns(TensorBackend backend, int h, int w, int c) {
      return new RowBuffer(backend, n -> Shape.of(n * h * w, c * KERNEL * KERNEL));
    }

    /** Input rows {@code [n, C·H·W]}, second reading {@code [n, C, H·W]}. */
    private static RowBuffer planes(TensorBackend backend, Cnn spec) {
      int c = spec.channels();
      int pixels = spec.height() * spec.width();
      return new RowBuffer(backend, n -> Shape.of(n, c * pixels), n -> Shape.of(n, c, pixels));
    }
  }
}
