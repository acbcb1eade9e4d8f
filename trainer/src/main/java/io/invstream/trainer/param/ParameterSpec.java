package io.invstream.trainer.param;

import io.invstream.trainer.tensor.Shape;
import java.util.Objects;

/** Name and shape of one parameter tensor of a model. */
public record ParameterSpec(String name, Shape shape) {

  /** Rejects blank names. */
  public ParameterSpec {
    Objects.requireNonNull(shape, "shape");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("parameter names must not be blank");
    }
  }
}
