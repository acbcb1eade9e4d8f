package io.invstream.trainer.tensor.cuda;

import java.util.ArrayList;
import java.util.List;

/**
 * Device memory taken from the driver in large chunks ({@code cuMemAlloc}, never managed memory)
 * and handed out by bumping an offset, 256-byte aligned. Nothing is freed piecemeal: the trainer
 * allocates its buffers once and reuses them (the {@code TensorBackend} contract), so a chunk
 * lives until {@link #close}, which returns every chunk to the driver.
 */
final class DeviceArena implements AutoCloseable {

  static final long ALIGNMENT = 256;

  private final Allocator driver;
  private final long chunkBytes;
  private final List<long[]> chunks = new ArrayList<>();
  private long base;
  private long capacity;
  private long used;
  private long handedOut;

  DeviceArena(Allocator driver, long chunkBytes) {
    this.driver = driver;
    this.chunkBytes = chunkBytes;
  }

  /** A device address of {@code bytes} bytes, aligned to {@link #ALIGNMENT}. */
  long allocate(long bytes) {
    long size = alignUp(Math.max(bytes, 1));
    if (used + size > capacity) {
      long chunk = Math.max(chunkBytes, size);
      base = driver.allocate(chunk);
      chunks.add(new long[] {base, chunk});
      capacity = chunk;
      used = 0;
    }
    long address = base + used;
    used += size;
    handedOut += size;
    return address;
  }

  /** Bytes handed out so far (after alignment). */
  long handedOutBytes() {
    return handedOut;
  }

  /** Bytes taken from the driver. */
  long reservedBytes() {
    return chunks.stream().mapToLong(c -> c[1]).sum();
  }

  static long alignUp(long bytes) {
    return (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
  }

  /** Where chunks come from: {@code cuMemAlloc_v2}/{@code cuMemFree_v2} (a fake in tests). */
  interface Allocator {
    long allocate(long bytes);

    void free(long address);
  }

  @Override
  public void close() {
    RuntimeException first = null;
    for (long[] c : chunks) {
      try {
        driver.free(c[0]);
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    chunks.clear();
    capacity = 0;
    used = 0;
    if (first != null) {
      throw first;
    }
  }
}
