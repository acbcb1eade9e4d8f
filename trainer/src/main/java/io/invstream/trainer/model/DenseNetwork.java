package io.invstream.trainer.model;

import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.param.ParameterLayout;
import io.invstream.trainer.param.ParameterSpec;
import io.invstream.trainer.tensor.RowBuffer;
import io.invstream.trainer.tensor.Shape;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A stack of dense layers, ReLU between them: logistic regression when there is one layer, an MLP
 * otherwise. Parameters are {@code dense<i>.weight [out, in]} and {@code dense<i>.bias [out]}.
 */
final class DenseNetwork implements TangentModel {

  private final TensorBackend backend;
  private final ModelSpec spec;
  private final int[] widths;
  private final List<DenseLayer> layers = new ArrayList<>();
  private final ParameterLayout layout;
  private final ParameterBlock parameters;

  DenseNetwork(
      TensorBackend backend, ModelSpec spec, int inputs, List<Integer> hidden, int classes, RandomGenerator random) {
    this.backend = backend;
    this.spec = spec;
    this.widths = new int[hidden.size() + 2];
    widths[0] = inputs;
    for (int i = 0; i < hidden.size(); i++) {
      widths[i + 1] = hidden.get(i);
    }
    widths[widths.length - 1] = classes;
    List<ParameterSpec> specs = new ArrayList<>();
    for (int l = 0; l + 1 < widths.length; l++) {
      specs.add(new ParameterSpec("dense" + l + ".weight", Shape.of(widths[l + 1], widths[l])));
      specs.add(new ParameterSpec("dense" + l + ".bias", Shape.of(widths[l + 1])));
      layers.add(new DenseLayer(2 * l, 2 * l + 1, l + 2 < widths.length));
    }
    this.layout = new ParameterLayout(specs);
    this.parameters = layout.allocate(backend);
    for (int l = 0; l < layers.size(); l++) {
      FanInUniform.fill(backend, parameters, 2 * l, widths[l], random);
      FanInUniform.fill(backend, parameters, 2 * l + 1, widths[l], random);
    }
  }

  @Override
  public ModelSpec spec() {
    return spec;
  }

  @Override
  public int inputSize() {
    return widths[0];
  }

  @Override
  public int featureSize() {
    return widths[widths.length - 2];
  }

  @Override
  public int classes() {
    return widths[widths.length - 1];
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
    return new DenseTape(backend, this, widths);
  }

  @Override
  public void forward(Tape tape) {
    DenseTape t = own(tape);
    for (int l = 0; l < layers.size(); l++) {
      layers.get(l).forward(backend, parameters, t.activation(l), t.output(l));
    }
  }

  @Override
  public void backward(
      Tape tape, List<ParameterBlock> segmentGradients, boolean addFeatureGradient, boolean inputGradient) {
    DenseTape t = own(tape);
    BatchLayout batch = t.layout();
    if (segmentGradients.size() != batch.segments()) {
      throw new IllegalArgumentException(
          segmentGradients.size() + " gradient blocks for " + batch.segments() + " segments");
    }
    int last = layers.size() - 1;
    for (int l = last; l >= 0; l--) {
      DenseLayer layer = layers.get(l);
      for (int s = 0; s < batch.segments(); s++) {
        layer.parameterGradient(backend, t.activation(l, s), t.outputGradient(l, s), segmentGradients.get(s));
      }
      if (l == 0) {
        if (inputGradient) {
          layer.inputGradient(backend, parameters, t.outputGradient(0), t.inputGradient());
          if (addFeatureGradient && last == 0) {
            backend.axpy(1f, t.featureGradient(), t.inputGradient());
          }
        }
        break;
      }
      Tensor dHidden = t.outputGradient(l - 1);
      layer.inputGradient(backend, parameters, t.outputGradient(l), dHidden);
      if (addFeatureGradient && l == last) {
        backend.axpy(1f, t.featureGradient(), dHidden);
      }
      backend.reluBackward(dHidden, t.output(l - 1));
    }
  }

  @Override
  public void forwardTangent(Tape tape) {
    DenseTape t = own(tape);
    for (int l = 0; l < layers.size(); l++) {
      layers.get(l).forwardTangent(backend, parameters, t.activationTangent(l), t.output(l), t.outputTangent(l));
    }
  }

  @Override
  public void backwardThroughTangent(Tape tape, List<ParameterBlock> segmentGradients) {
    DenseTape t = own(tape);
    BatchLayout batch = t.layout();
    if (segmentGradients.size() != batch.segments()) {
      throw new IllegalArgumentException(
          segmentGradients.size() + " gradient blocks for " + batch.segments() + " segments");
    }
    // Two chains share the weights: z_l = a_{l-1} W_lᵀ + b_l and ż_l = ȧ_{l-1} W_lᵀ, with
    // a = relu(z) and ȧ = ż ⊙ 1[z > 0]; the masks are constant almost everywhere, so each chain
    // back-propagates through the same masks and only the weight gradients meet.
    for (int l = layers.size() - 1; l >= 0; l--) {
      DenseLayer layer = layers.get(l);
      for (int s = 0; s < batch.segments(); s++) {
        layer.parameterGradient(backend, t.activation(l, s), t.outputGradient(l, s), segmentGradients.get(s));
        layer.addTangentWeightGradient(
            backend, t.activationTangent(l, s), t.outputTangentGradient(l, s), segmentGradients.get(s));
      }
      if (l == 0) {
        break;
      }
      Tensor dHidden = t.outputGradient(l - 1);
      Tensor dHiddenTangent = t.outputTangentGradient(l - 1);
      layer.inputGradient(backend, parameters, t.outputGradient(l), dHidden);
      layer.inputGradient(backend, parameters, t.outputTangentGradient(l), dHiddenTangent);
      backend.reluBackward(dHidden, t.output(l - 1));
      backend.reluBackward(dHiddenTangent, t.output(l - 1));
    }
  }

  @Override
  public Model replicate() {
    DenseNetwork copy = (DenseNetwork) spec.build(backend, new SplittableRandom(0));
    copy.parameters.copyFrom(backend, parameters);
    return copy;
  }

  private DenseTape own(Tape tape) {
    if (tape instanceof DenseTape t && t.model == this) {
      return t;
    }
    throw new IllegalArgumentException("tape was not created by this model; use model.newTape()");
  }

  /**
   * Activations: layer l reads {@code activation(l)} (the input for l = 0, else hidden l−1) and
   * writes {@code output(l)} (the logits for the last layer); the gradient buffers mirror the
   * outputs, and backward turns each hidden output gradient into the pre-activation gradient in
   * place.
   */
  private static final class DenseTape extends Tape {

    private final DenseNetwork model;
    private final List<RowBuffer> hidden = new ArrayList<>();
    private final List<RowBuffer> hiddenGradients = new ArrayList<>();
    private final int[] widths;
    private List<RowBuffer> hiddenTangents;
    private List<RowBuffer> hiddenTangentGradients;

    DenseTape(TensorBackend backend, DenseNetwork model, int[] widths) {
      super(backend, model);
      this.model = model;
      this.widths = widths;
      for (int l = 1; l + 1 < widths.length; l++) {
        hidden.add(buffer(RowBuffer.matrix(backend, widths[l])));
        hiddenGradients.add(buffer(RowBuffer.matrix(backend, widths[l])));
      }
    }

    @Override
    protected RowBuffer featureBuffer() {
      return hidden.isEmpty() ? inputBuffer() : hidden.get(hidden.size() - 1);
    }

    Tensor activation(int layer) {
      return layer == 0 ? input() : all(hidden.get(layer - 1));
    }

    Tensor activation(int layer, int segment) {
      return layer == 0 ? input(segment) : segment(hidden.get(layer - 1), segment);
    }

    Tensor output(int layer) {
      return layer == hidden.size() ? logits() : all(hidden.get(layer));
    }

    Tensor outputGradient(int layer) {
      return layer == hidden.size() ? logitGradient() : all(hiddenGradients.get(layer));
    }

    Tensor outputGradient(int layer, int segment) {
      return layer == hidden.size() ? logitGradient(segment) : segment(hiddenGradients.get(layer), segment);
    }

    Tensor activationTangent(int layer) {
      return layer == 0 ? inputTangent() : all(tangents().get(layer - 1));
    }

    Tensor activationTangent(int layer, int segment) {
      return layer == 0 ? inputTangent(segment) : segment(tangents().get(layer - 1), segment);
    }

    Tensor outputTangent(int layer) {
      return layer == hidden.size() ? logitTangent() : all(tangents().get(layer));
    }

    Tensor outputTangentGradient(int layer) {
      return layer == hidden.size() ? logitTangentGradient() : all(tangentGradients().get(layer));
    }

    Tensor outputTangentGradient(int layer, int segment) {
      return layer == hidden.size()
          ? logitTangentGradient(segment)
          : segment(tangentGradients().get(layer), segment);
    }

    private List<RowBuffer> tangents() {
      if (hiddenTangents == null) {
        hiddenTangents = new ArrayList<>();
        for (int l = 1; l + 1 < widths.length; l++) {
          hiddenTangents.add(lateBuffer(widths[l]));
        }
      }
      return hiddenTangents;
    }

    private List<RowBuffer> tangentGradients() {
      if (hiddenTangentGradients == null) {
        hiddenTangentGradients = new ArrayList<>();
        for (int l = 1; l + 1 < widths.length; l++) {
          hiddenTangentGradients.add(lateBuffer(widths[l]));
        }
      }
      return hiddenTangentGradients;
    }
  }
}
