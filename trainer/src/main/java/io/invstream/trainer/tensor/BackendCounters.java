package io.invstream.trainer.tensor;

/**
 * Monotonic counters a backend keeps about itself: they let tests prove a training loop allocates
 * nothing per step, and benchmarks report achieved GEMM throughput.
 *
 * @param allocations tensors allocated (views excluded)
 * @param allocatedBytes bytes of tensor storage allocated (views excluded)
 * @param gemmCalls GEMM calls
 * @param gemmFlops floating-point operations of those GEMMs, {@code 2·m·n·k} each
 */
public record BackendCounters(long allocations, long allocatedBytes, long gemmCalls, long gemmFlops) {

  /** Counter-wise difference {@code this − earlier}. */
  public BackendCounters since(BackendCounters earlier) {
    return new BackendCounters(
        allocations - earlier.allocations,
        allocatedBytes - earlier.allocatedBytes,
        gemmCalls - earlier.gemmCalls,
        gemmFlops - earlier.gemmFlops);
  }
}
