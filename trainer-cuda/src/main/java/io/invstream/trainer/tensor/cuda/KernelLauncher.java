package io.invstream.trainer.tensor.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Launches the module's kernels on the backend's stream. Arguments are written into one reused
 * native parameter block ({@code cuLaunchKernel} copies them at the call), after a check against
 * the kernel's {@link Kernel} signature: count and kinds must match exactly.
 */
final class KernelLauncher {

  /** Largest grid of the grid-stride kernels, and the number of per-block partial sums a reduction has. */
  static final int MAX_BLOCKS = 1024;
  private static final int SLOT = 8;
  private static final int MAX_PARAMS = 16;

  private final Driver driver;
  private final MemorySegment stream;
  private final Map<Kernel, MemorySegment> functions = new EnumMap<>(Kernel.class);
  private final MemorySegment values;
  private final MemorySegment pointers;
  private final long coefficientsOffset = (long) MAX_PARAMS * SLOT;

  KernelLauncher(Driver driver, MemorySegment module, MemorySegment stream, Arena arena) {
    this.driver = driver;
    this.stream = stream;
    for (Kernel k : Kernel.values()) {
      functions.put(k, driver.function(module, k.symbol()));
    }
    values = arena.allocate(coefficientsOffset + 4L * Kernel.MAX_COEFFICIENTS, 16);
    pointers = arena.allocate(ADDRESS, MAX_PARAMS);
  }

  /** Blocks of {@link Kernel#BLOCK} threads for {@code work} items, between 1 and {@link #MAX_BLOCKS}. */
  static int blocksFor(long work) {
    return (int) Math.max(1, Math.min(MAX_BLOCKS, (work + Kernel.BLOCK - 1) / Kernel.BLOCK));
  }

  /** Launches {@code kernel} with {@code blocks} blocks of {@link Kernel#BLOCK} threads. */
  void launch(Kernel kernel, int blocks, Object... args) {
    write(kernel, args);
    driver.launch(functions.get(kernel), blocks, Kernel.BLOCK, stream, pointers, kernel.symbol());
  }

  private void write(Kernel kernel, Object... args) {
    List<Kernel.Param> params = kernel.params();
    if (args.length != params.size()) {
      throw new IllegalStateException(kernel.symbol() + " takes " + params.size() + " arguments, got " + args.length);
    }
    for (int i = 0; i < args.length; i++) {
      long offset = (long) i * SLOT;
      Object a = args[i];
      switch (params.get(i)) {
        case INT -> values.set(JAVA_INT, offset, (Integer) requireType(kernel, i, a, Integer.class));
        case FLOAT -> values.set(JAVA_FLOAT, offset, (Float) requireType(kernel, i, a, Float.class));
        case POINTER -> values.set(JAVA_LONG, offset, (Long) requireType(kernel, i, a, Long.class));
        case COEFFICIENTS -> {
          float[] c = (float[]) requireType(kernel, i, a, float[].class);
          if (c.length > Kernel.MAX_COEFFICIENTS) {
            throw new IllegalStateException(kernel.symbol() + " takes at most " + Kernel.MAX_COEFFICIENTS + " coefficients");
          }
          MemorySegment.copy(c, 0, values, JAVA_FLOAT, coefficientsOffset, c.length);
          offset = coefficientsOffset;
        }
      }
      pointers.setAtIndex(ADDRESS, i, values.asSlice(offset));
    }
  }

  private static Object requireType(Kernel kernel, int index, Object value, Class<?> type) {
    if (!type.isInstance(value)) {
      throw new IllegalStateException(kernel.symbol() + " argument " + index + " must be " + type.getSimpleName() + ", got "
          + (value == null ? "null" : value.getClass().getSimpleName()));
    }
    return value;
  }
}
