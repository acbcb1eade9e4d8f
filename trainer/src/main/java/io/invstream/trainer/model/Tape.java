package io.invstream.trainer.model;

import io.invstream.trainer.tensor.RowBuffer;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one forward/backward pass of a model reads and writes for a batch: the input, the
 * activations kept for the backward pass, logits, penultimate features, and the gradients flowing
 * in (on logits and features) and out (on the input).
 *
 * <p>A tape belongs to the model that made it ({@link Model#newTape()}); separate tapes let an
 * algorithm run extra passes (a clone's inner steps, a second head) without disturbing the main
 * one. Storage grows to the largest batch seen and is reused (see {@link RowBuffer}).
 *
 * <p>Use: {@link #begin(BatchLayout)}, upload the batch into {@link #input()}, {@link
 * Model#forward}, write {@link #logitGradient()} (and optionally {@link #featureGradient()}),
 * {@link Model#backward}.
 */
public abstract class Tape {

  private final List<RowBuffer> buffers = new ArrayList<>();
  private final RowBuffer input;
  private final RowBuffer logits;
  private final RowBuffer logitGradient;
  private final RowBuffer featureGradient;
  private final RowBuffer inputGradient;
  private final TensorBackend backend;
  private final Model model;
  private RowBuffer inputTangent;
  private RowBuffer logitTangent;
  private RowBuffer logitTangentGradient;
  private BatchLayout layout;

  /** A tape whose input and input gradient are plain {@code [N, inputSize]} matrices. */
  protected Tape(TensorBackend backend, Model model) {
    this(backend, model, RowBuffer.matrix(backend, model.inputSize()), RowBuffer.matrix(backend, model.inputSize()));
  }

  /**
   * A tape with model-specific readings of the input and its gradient; their first reading must
   * be {@code [N, inputSize]}.
   */
  protected Tape(TensorBackend backend, Model model, RowBuffer input, RowBuffer inputGradient) {
    this.backend = backend;
    this.model = model;
    this.input = buffer(input);
    this.logits = buffer(RowBuffer.matrix(backend, model.classes()));
    this.logitGradient = buffer(RowBuffer.matrix(backend, model.classes()));
    this.featureGradient = buffer(RowBuffer.matrix(backend, model.featureSize()));
    this.inputGradient = buffer(inputGradient);
  }

  /**
   * Registers a buffer of this tape so that {@link #begin} sizes it for the whole batch before
   * any view of it is taken (growing later would strand views already written). Subclasses
   * register every buffer they create.
   */
  protected final RowBuffer buffer(RowBuffer b) {
    buffers.add(b);
    return b;
  }

  /** Prepares the tape for a batch of this layout; contents of earlier batches become undefined. */
  public void begin(BatchLayout layout) {
    for (RowBuffer b : buffers) {
      b.reserve(layout.totalRows());
    }
    this.layout = layout;
  }

  /** Layout of the current batch. */
  public BatchLayout layout() {
    if (layout == null) {
      throw new IllegalStateException("call begin(layout) before using a tape");
    }
    return layout;
  }

  /** {@code [N, inputSize]}: the caller writes the batch here before the forward pass. */
  public Tensor input() {
    return all(input);
  }

  public Tensor input(int segment) {
    return segment(input, segment);
  }

  /** {@code [N, classes]} after the forward pass. */
  public Tensor logits() {
    return all(logits);
  }

  public Tensor logits(int segment) {
    return segment(logits, segment);
  }

  /** {@code [N, featureSize]}: the classifier layer's input, after the forward pass. */
  public Tensor features() {
    return all(featureBuffer());
  }

  public Tensor features(int segment) {
    return segment(featureBuffer(), segment);
  }

  /** {@code [N, classes]}: dLoss/dLogits, written by the caller before the backward pass. */
  public Tensor logitGradient() {
    return all(logitGradient);
  }

  public Tensor logitGradient(int segment) {
    return segment(logitGradient, segment);
  }

  /**
   * {@code [N, featureSize]}: an extra dLoss/dFeatures added during the backward pass when it is
   * asked to; the caller fills every row it enables (the buffer is not cleared between batches).
   */
  public Tensor featureGradient() {
    return all(featureGradient);
  }

  public Tensor featureGradient(int segment) {
    return segment(featureGradient, segment);
  }

  /** {@code [N, inputSize]}: dLoss/dInput after a backward pass that asked for it. */
  public Tensor inputGradient() {
    return all(inputGradient);
  }

  public Tensor inputGradient(int segment) {
    return segment(inputGradient, segment);
  }

  /** {@code [N, inputSize]}: the input direction v of a {@link TangentModel}'s forward tangent. */
  public Tensor inputTangent() {
    return all(inputTangentBuffer());
  }

  /** {@code [N, classes]}: ż after {@link TangentModel#forwardTangent}. */
  public Tensor logitTangent() {
    if (logitTangent == null) {
      logitTangent = lateBuffer(model.classes());
    }
    return all(logitTangent);
  }

  public Tensor logitTangent(int segment) {
    logitTangent();
    return segment(logitTangent, segment);
  }

  /** {@code [N, classes]}: dJ/dż for {@link TangentModel#backwardThroughTangent}. */
  public Tensor logitTangentGradient() {
    if (logitTangentGradient == null) {
      logitTangentGradient = lateBuffer(model.classes());
    }
    return all(logitTangentGradient);
  }

  public Tensor logitTangentGradient(int segment) {
    logitTangentGradient();
    return segment(logitTangentGradient, segment);
  }

  public Tensor inputTangent(int segment) {
    return segment(inputTangentBuffer(), segment);
  }

  /**
   * A matrix buffer created on first use (tangent passes are rare, their memory is not paid by
   * tapes that never run one), sized for the current batch and registered for later ones.
   */
  protected final RowBuffer lateBuffer(int width) {
    return lateBuffer(RowBuffer.matrix(backend, width));
  }

  /** {@link #lateBuffer(int)} for a buffer with model-specific readings. */
  protected final RowBuffer lateBuffer(RowBuffer b) {
    buffer(b);
    b.reserve(layout().totalRows());
    return b;
  }

  /**
   * The buffer behind {@link #inputTangent()}, created on first use by {@link
   * #createInputTangentBuffer()}.
   */
  protected final RowBuffer inputTangentBuffer() {
    if (inputTangent == null) {
      inputTangent = lateBuffer(createInputTangentBuffer());
    }
    return inputTangent;
  }

  /**
   * A new buffer for the input direction; its first reading must be {@code [N, inputSize]}.
   * Models whose input has other readings (a CNN's image planes) override this.
   */
  protected RowBuffer createInputTangentBuffer() {
    return RowBuffer.matrix(backend, model.inputSize());
  }

  /** The buffer holding the penultimate features (the input itself for a linear model). */
  protected abstract RowBuffer featureBuffer();

  /** All rows of the current batch in the buffer's first reading. */
  protected final Tensor all(RowBuffer buffer) {
    return buffer.first(layout().totalRows());
  }

  /** All rows of the current batch in reading {@code reading}. */
  protected final Tensor all(RowBuffer buffer, int reading) {
    return buffer.block(reading, 0, layout().totalRows());
  }

  /** Rows of one segment in the buffer's first reading. */
  protected final Tensor segment(RowBuffer buffer, int segment) {
    return buffer.block(layout().start(segment), layout().rows(segment));
  }

  /** Rows of one segment in reading {@code reading}. */
  protected final Tensor segment(RowBuffer buffer, int reading, int segment) {
    return buffer.block(reading, layout().start(segment), layout().rows(segment));
  }

  protected final RowBuffer inputBuffer() {
    return input;
  }

  protected final RowBuffer inputGradientBuffer() {
    return inputGradient;
  }
}
