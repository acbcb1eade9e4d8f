package io.invstream.trainer.param;

import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.List;

/**
 * One tensor per parameter of a {@link ParameterLayout}: parameters themselves, a gradient, or an
 * optimiser moment. Usually views of one flat buffer ({@link #flat()}); per-environment gradients
 * are views into {@link GradientStack}s instead and have no flat buffer.
 */
public final class ParameterBlock {

  private final ParameterLayout layout;
  private final List<Tensor> tensors;
  private final Tensor flat;

  ParameterBlock(ParameterLayout layout, List<Tensor> tensors, Tensor flat) {
    this.layout = layout;
    this.tensors = List.copyOf(tensors);
    this.flat = flat;
  }

  public ParameterLayout layout() {
    return layout;
  }

  public Tensor tensor(int index) {
    return tensors.get(index);
  }

  public Tensor tensor(String name) {
    return tensors.get(layout.indexOf(name));
  }

  public List<Tensor> tensors() {
    return tensors;
  }

  /** Whether all tensors are views of one contiguous buffer. */
  public boolean hasFlat() {
    return flat != null;
  }

  /** The contiguous buffer behind all tensors, in layout order. */
  public Tensor flat() {
    if (flat == null) {
      throw new IllegalStateException("this parameter block is not backed by one flat buffer");
    }
    return flat;
  }

  /** Copies every tensor to the host under its parameter name. */
  public List<NamedTensor> export(TensorBackend backend) {
    List<NamedTensor> out = new ArrayList<>(tensors.size());
    for (int i = 0; i < tensors.size(); i++) {
      ParameterSpec spec = layout.spec(i);
      out.add(new NamedTensor(spec.name(), spec.shape(), backend.download(tensors.get(i))));
    }
    return out;
  }

  /**
   * Overwrites every tensor from host values; the names and shapes must be exactly this layout's
   * (in any order), so a model published by a different architecture is refused, not garbled.
   */
  public void load(TensorBackend backend, List<NamedTensor> values) {
    if (values.size() != tensors.size()) {
      throw new IllegalArgumentException(
          "expected " + tensors.size() + " tensors " + layout.names() + ", got " + values.size() + " "
              + values.stream().map(NamedTensor::name).toList());
    }
    for (NamedTensor value : values) {
      int index = layout.indexOf(value.name());
      ParameterSpec spec = layout.spec(index);
      if (!spec.shape().equals(value.shape())) {
        throw new IllegalArgumentException(
            "tensor '" + value.name() + "' has shape " + value.shape() + ", this model needs " + spec.shape());
      }
      backend.upload(value.data(), tensors.get(index));
    }
  }

  /** Copies the values of {@code source}, which must have the same layout. */
  public void copyFrom(TensorBackend backend, ParameterBlock source) {
    if (!source.layout.equals(layout)) {
      throw new IllegalArgumentException(
          "cannot copy parameters of layout " + source.layout + " into " + layout);
    }
    for (int i = 0; i < tensors.size(); i++) {
      backend.copy(source.tensors.get(i), tensors.get(i));
    }
  }
}
