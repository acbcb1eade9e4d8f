package io.invstream.trainer.tensor.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.EnumMap;
import java.util.Map;

/** Launches the module's kernels on the backend's stream with {@code cuLaunchKernel}. */
final class KernelLauncher {

  /** Largest grid of the grid-stride kernels, and the number of per-block partial sums a reduction has. */
  static final int MAX_BLOCKS = 1024;

  private final Driver driver;
  private final MemorySegment stream;
  private final Map<Kernel, MemorySegment> functions = new EnumMap<>(Kernel.class);
  private final KernelArguments arguments;

  KernelLauncher(Driver driver, MemorySegment module, MemorySegment stream, Arena arena) {
    this.driver = driver;
    this.stream = stream;
    for (Kernel k : Kernel.values()) {
      functions.put(k, driver.function(module, k.symbol()));
    }
    arguments = new KernelArguments(arena);
  }

  /** Blocks of {@link Kernel#BLOCK} threads for {@code work} items, between 1 and {@link #MAX_BLOCKS}. */
  static int blocksFor(long work) {
    return (int) Math.max(1, Math.min(MAX_BLOCKS, (work + Kernel.BLOCK - 1) / Kernel.BLOCK));
  }

  /** Launches {@code kernel} with {@code blocks} blocks of {@link Kernel#BLOCK} threads; {@code cuLaunchKernel} copies the arguments. */
  void launch(Kernel kernel, int blocks, Object... args) {
    MemorySegment pointers = arguments.write(kernel, args);
    driver.launch(functions.get(kernel), blocks, Kernel.BLOCK, stream, pointers, kernel.symbol());
  }
}
