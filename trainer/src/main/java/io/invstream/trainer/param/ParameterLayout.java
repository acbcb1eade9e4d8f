package io.invstream.trainer.param;

import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;
import io.invstream.trainer.tensor.Shape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ordered parameter tensors of a model and where each sits in one flat buffer.
 *
 * <p>Parameters, gradients and optimiser state share this layout, so an optimiser updates all of
 * them with one kernel call over the flat buffers, while per-tensor work (AND-mask's rescale is
 * per tensor) uses the views.
 */
public final class ParameterLayout {

  private final List<ParameterSpec> specs;
  private final long[] offsets;
  private final long totalSize;

  /** Rejects duplicate names. */
  public ParameterLayout(List<ParameterSpec> specs) {
    this.specs = List.copyOf(specs);
    this.offsets = new long[specs.size()];
    Set<String> names = new HashSet<>();
    long offset = 0;
    for (int i = 0; i < specs.size(); i++) {
      if (!names.add(specs.get(i).name())) {
        throw new IllegalArgumentException("duplicate parameter name '" + specs.get(i).name() + "'");
      }
      offsets[i] = offset;
      offset += specs.get(i).shape().size();
    }
    this.totalSize = offset;
  }

  public List<ParameterSpec> specs() {
    return specs;
  }

  public int count() {
    return specs.size();
  }

  public ParameterSpec spec(int index) {
    return specs.get(index);
  }

  /** Index of the parameter called {@code name}, or an error listing the names there are. */
  public int indexOf(String name) {
    for (int i = 0; i < specs.size(); i++) {
      if (specs.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no parameter '" + name + "'; parameters are " + names());
  }

  public List<String> names() {
    return specs.stream().map(ParameterSpec::name).toList();
  }

  /** Element offset of parameter {@code index} in the flat buffer. */
  public long offset(int index) {
    return offsets[index];
  }

  /** Elements of all parameters together. */
  public long totalSize() {
    return totalSize;
  }

  /** A new zero-filled flat buffer with one view per parameter. */
  public ParameterBlock allocate(TensorBackend backend) {
    return over(backend, backend.allocate(Shape.of(Math.toIntExact(totalSize))));
  }

  /** Views of this layout over an existing flat buffer of {@link #totalSize()} elements. */
  public ParameterBlock over(TensorBackend backend, Tensor flat) {
    TensorBackend.checkLength(flat, totalSize);
    List<Tensor> views = new ArrayList<>(specs.size());
    for (int i = 0; i < specs.size(); i++) {
      views.add(backend.view(flat, offsets[i], specs.get(i).shape()));
    }
    return new ParameterBlock(this, views, flat);
  }

  /** Layouts are equal when they list the same names and shapes in the same order. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ParameterLayout l && specs.equals(l.specs);
  }

  @Override
  public int hashCode() {
    return specs.hashCode();
  }

  @Override
  public String toString() {
    return "ParameterLayout" + specs;
  }
}
