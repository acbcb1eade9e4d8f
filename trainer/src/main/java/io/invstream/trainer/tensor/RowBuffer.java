package io.invstream.trainer.tensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Grow-only storage for a tensor whose leading extent is a number of examples that changes from
 * batch to batch, handing out views of the first examples or of a block of examples.
 *
 * <p>Training batches arrive with varying sizes; allocating per batch would grow memory until the
 * garbage collector happens to run (off-heap buffers are freed only then). Storage is therefore
 * allocated for the largest batch seen (grown by half again when exceeded) and batches use views.
 * Views are cached by (reading, first example, examples), so a steady stream of one layout
 * creates no objects after the first step. Growing replaces the storage and invalidates every
 * view handed out before, so the owner of a batch calls {@link #reserve} for the whole batch
 * before asking for any view of it.
 *
 * <p>A buffer may have several readings of the same storage, e.g. conv activations read as images
 * {@code [n, H, W, F]} by pooling and as a matrix {@code [n·H·W, F]} by GEMM.
 */
public final class RowBuffer {

  private static final int MAX_CACHED_VIEWS = 256;
  /** Start and count share a 56-bit cache key, 28 bits each. */
  private static final int MAX_EXAMPLES = 1 << 28;

  private final TensorBackend backend;
  private final long elementsPerExample;
  private final List<IntFunction<Shape>> readings;
  private final Map<Long, Tensor> views = new HashMap<>();
  private Tensor storage;
  private int capacity;

  /**
   * @param readings shapes a block of {@code n} examples is read with, e.g. {@code n ->
   *     Shape.of(n, 784)}; all must hold the same number of elements per example
   */
  @SafeVarargs
  public RowBuffer(TensorBackend backend, IntFunction<Shape>... readings) {
    this.backend = backend;
    this.elementsPerExample = readings[0].apply(1).size();
    List<IntFunction<Shape>> copy = new ArrayList<>(readings.length);
    for (IntFunction<Shape> r : readings) {
      copy.add(r);
      if (r.apply(1).size() != elementsPerExample || r.apply(2).size() != 2 * elementsPerExample) {
        throw new IllegalArgumentException("all readings of a row buffer must hold the same elements per example");
      }
    }
    this.readings = List.copyOf(copy);
  }

  /** Buffer read as {@code [n, width]}. */
  public static RowBuffer matrix(TensorBackend backend, int width) {
    return new RowBuffer(backend, n -> Shape.of(n, width));
  }

  /** The first {@code examples} examples in the first reading. */
  public Tensor first(int examples) {
    return block(0, 0, examples);
  }

  /** Examples {@code [start, start + examples)} in the first reading. */
  public Tensor block(int start, int examples) {
    return block(0, start, examples);
  }

  /** Examples {@code [start, start + examples)} in reading {@code reading}. */
  public Tensor block(int reading, int start, int examples) {
    if (start < 0 || examples <= 0 || start + examples > MAX_EXAMPLES) {
      throw new IllegalArgumentException(
          "examples [" + start + ", " + (start + examples) + ") outside [0, " + MAX_EXAMPLES + ")");
    }
    ensureCapacity(start + examples);
    long key = ((long) reading << 56) | ((long) start << 28) | examples;
    Tensor view = views.get(key);
    if (view == null) {
      if (views.size() >= MAX_CACHED_VIEWS) {
        views.clear();
      }
      view = backend.view(storage, start * elementsPerExample, readings.get(reading).apply(examples));
      views.put(key, view);
    }
    return view;
  }

  /** Grows the storage, if needed, to hold {@code examples} examples. */
  public void reserve(int examples) {
    ensureCapacity(examples);
  }

  /** Examples the current storage holds without growing. */
  public int capacity() {
    return capacity;
  }

  private void ensureCapacity(int examples) {
    if (examples <= capacity) {
      return;
    }
    int grown = Math.max(examples, capacity + capacity / 2);
    storage = backend.allocate(Shape.of(Math.toIntExact(grown * elementsPerExample)));
    capacity = grown;
    views.clear();
  }
}
