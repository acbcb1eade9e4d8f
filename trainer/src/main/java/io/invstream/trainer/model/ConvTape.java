package io.invstream.trainer.model;

import io.invstream.trainer.tensor.RowBuffer;
import io.invstream.trainer.tensor.Shape;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;

/**
 * Buffers of one {@link ConvNetwork} pass. Image buffers are read as {@code [n, H, W, C]}
 * (reading 0), {@link #MATRIX} {@code [n·H·W, C]} for GEMMs, {@link #PIXELS} {@code [n, H·W, C]}
 * for transposes and {@link #FLAT} {@code [n, H·W·C]} as features; the input, its gradient and
 * its tangent as {@code [n, C·H·W]} and {@link #PLANES} {@code [n, C, H·W]}.
 *
 * <p>The tangent pass's buffers ({@link Tangents}) mirror the primal ones and are created on the
 * first tangent pass only.
 */
final class ConvTape extends Tape {

  static final int MATRIX = 1;
  static final int PIXELS = 2;
  static final int FLAT = 3;
  static final int PLANES = 1;

  final ConvNetwork model;
  final RowBuffer input;
  final RowBuffer hwc;
  final RowBuffer columns0;
  final RowBuffer conv0;
  final RowBuffer pool0;
  final RowBuffer columns1;
  final RowBuffer conv1;
  final RowBuffer pool1;
  final RowBuffer dPool1;
  final RowBuffer dConv1;
  final RowBuffer dColumns1;
  final RowBuffer dPool0;
  final RowBuffer dConv0;
  final RowBuffer dColumns0;
  final RowBuffer dHwc;
  private final TensorBackend backend;
  private final Cnn spec;
  private Tangents tangents;

  ConvTape(TensorBackend backend, ConvNetwork model, Cnn spec) {
    super(backend, model, planes(backend, spec), planes(backend, spec));
    this.backend = backend;
    this.spec = spec;
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

  @Override
  protected RowBuffer createInputTangentBuffer() {
    return planes(backend, spec);
  }

  /** The tangent pass's buffers, created (and sized for the current batch) on first use. */
  Tangents tangents() {
    if (tangents == null) {
      tangents = new Tangents();
    }
    return tangents;
  }

  Tensor inputTangentPlanes() {
    return all(inputTangentBuffer(), PLANES);
  }

  /**
   * Directional derivatives of the activations along the input direction ({@code hwc} …
   * {@code pool1}, whose flat reading is the features' tangent) and the gradients flowing back
   * along them ({@code dPool1} … {@code dConv0}); same shapes as their primal namesakes.
   */
  final class Tangents {

    final RowBuffer hwc;
    final RowBuffer columns0;
    final RowBuffer conv0;
    final RowBuffer pool0;
    final RowBuffer columns1;
    final RowBuffer conv1;
    final RowBuffer pool1;
    final RowBuffer dPool1;
    final RowBuffer dConv1;
    final RowBuffer dColumns1;
    final RowBuffer dPool0;
    final RowBuffer dConv0;

    private Tangents() {
      int c = spec.channels();
      int h = spec.height();
      int w = spec.width();
      int f1 = spec.filters1();
      int f2 = spec.filters2();
      this.hwc = lateBuffer(images(backend, h, w, c));
      this.columns0 = lateBuffer(columns(backend, h, w, c));
      this.conv0 = lateBuffer(images(backend, h, w, f1));
      this.pool0 = lateBuffer(images(backend, h / 2, w / 2, f1));
      this.columns1 = lateBuffer(columns(backend, h / 2, w / 2, f1));
      this.conv1 = lateBuffer(images(backend, h / 2, w / 2, f2));
      this.pool1 = lateBuffer(images(backend, h / 4, w / 4, f2));
      this.dPool1 = lateBuffer(images(backend, h / 4, w / 4, f2));
      this.dConv1 = lateBuffer(images(backend, h / 2, w / 2, f2));
      this.dColumns1 = lateBuffer(columns(backend, h / 2, w / 2, f1));
      this.dPool0 = lateBuffer(images(backend, h / 2, w / 2, f1));
      this.dConv0 = lateBuffer(images(backend, h, w, f1));
    }
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
    return new RowBuffer(backend, n -> Shape.of(n * h * w, c * ConvNetwork.KERNEL * ConvNetwork.KERNEL));
  }

  /** Input rows {@code [n, C·H·W]}, second reading {@code [n, C, H·W]}. */
  private static RowBuffer planes(TensorBackend backend, Cnn spec) {
    int c = spec.channels();
    int pixels = spec.height() * spec.width();
    return new RowBuffer(backend, n -> Shape.of(n, c * pixels), n -> Shape.of(n, c, pixels));
  }
}
