package io.invstream.trainer.param;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Exported state of a stateful component (an optimiser, an algorithm) for checkpointing: what
 * kind of component wrote it, scalar values as strings, and tensors.
 *
 * <p>Strings rather than typed fields keep the record format-neutral (it is turned into Avro or
 * JSON by the caller) and let a component add a value without changing this type.
 */
public record SavedState(String kind, Map<String, String> values, List<NamedTensor> tensors) {

  /** Copies the collections. */
  public SavedState {
    Objects.requireNonNull(kind, "kind");
    values = Map.copyOf(values);
    tensors = List.copyOf(tensors);
  }

  /** State of a component that has none. */
  public static SavedState empty(String kind) {
    return new SavedState(kind, Map.of(), List.of());
  }

  /** The value under {@code key}, or a clear error naming the component and the key. */
  public String value(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("saved state of '" + kind + "' has no value '" + key + "'");
    }
    return v;
  }

  /** Throws unless this state was written by a component of the given kind. */
  public void requireKind(String expected) {
    if (!kind.equals(expected)) {
      throw new IllegalArgumentException(
          "cannot restore state written by '" + kind + "' into '" + expected + "'");
    }
  }
}
