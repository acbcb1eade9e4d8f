package io.invstream.trainer.param;

import io.invstream.trainer.tensor.Shape;
import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor's values on the host under a stable name, e.g. {@code dense0.weight}: the unit in
 * which parameters and optimiser or algorithm state are published, checkpointed and restored.
 *
 * <p>Immutable: the data array is copied in and out.
 */
public record NamedTensor(String name, Shape shape, float[] data) {

  /** Validates that the data fills the shape exactly. */
  public NamedTensor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(shape, "shape");
    data = data.clone();
    if (data.length != shape.size()) {
      throw new IllegalArgumentException(
          "tensor '" + name + "' of shape " + shape + " needs " + shape.size() + " values, got " + data.length);
    }
  }

  @Override
  public float[] data() {
    return data.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NamedTensor t
        && name.equals(t.name)
        && shape.equals(t.shape)
        && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, shape, Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return "NamedTensor[" + name + " " + shape + "]";
  }
}
