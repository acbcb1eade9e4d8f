package io.invstream.trainer.tensor.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The {@code void** kernelParams} block of a launch: one reused native block of argument values
 * and the array of pointers to them. Each launch's arguments are checked against the kernel's
 * {@link Kernel} signature (count and kinds) before they are written.
 */
final class KernelArguments {

  private static final int SLOT = 8;
  private static final int MAX_PARAMS = 16;

  private final MemorySegment values;
  private final MemorySegment pointers;
  private final long coefficientsOffset = (long) MAX_PARAMS * SLOT;

  KernelArguments(Arena arena) {
    values = arena.allocate(coefficientsOffset + 4L * Kernel.MAX_COEFFICIENTS, 16);
    pointers = arena.allocate(ADDRESS, MAX_PARAMS);
  }

  /** Writes the arguments and returns the {@code void**} array pointing at them. */
  MemorySegment write(Kernel kernel, Object... args) {
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
    return pointers;
  }

  private static Object requireType(Kernel kernel, int index, Object value, Class<?> type) {
    if (!type.isInstance(value)) {
      throw new IllegalStateException(kernel.symbol() + " argument " + index + " must be " + type.getSimpleName() + ", got "
          + (value == null ? "null" : value.getClass().getSimpleName()));
    }
    return value;
  }
}
