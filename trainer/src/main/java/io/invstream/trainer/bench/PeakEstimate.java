package io.invstream.trainer.bench;

/**
 * The machine's theoretical FP32 peak, to put achieved GFLOP/s in proportion: {@code cores ×
 * gflopsPerCore}.
 *
 * @param cores cores the benchmark may use; default {@link Runtime#availableProcessors()}, which
 *     counts SMT threads where there are any (two threads of one core share its FMA units, so pass
 *     {@code --cores} with the physical count there)
 * @param gflopsPerCore FP32 GFLOP/s of one core; default {@link #AVX512_ZEN5_GFLOPS_PER_CORE}
 */
public record PeakEstimate(int cores, double gflopsPerCore) {

  /**
   * 3.68 GHz × 64 FP32 flop/cycle = 235.52 GFLOP/s: one core of the AMD EPYC (Zen 5) these
   * figures were measured on, with two 512-bit FMA pipes (2 pipes × 16 lanes × 2 flops). A
   * hand-written AVX-512 FMA loop reached 95–99 % of it. Other CPUs: frequency × FMA pipes × lanes
   * × 2, e.g. 32 flop/cycle for AVX2 with two FMA pipes.
   */
  public static final double AVX512_ZEN5_GFLOPS_PER_CORE = 3.68 * 64;

  /** This machine's core count with the documented per-core figure. */
  public static PeakEstimate ofThisMachine() {
    return new PeakEstimate(Runtime.getRuntime().availableProcessors(), AVX512_ZEN5_GFLOPS_PER_CORE);
  }

  /** Validates. */
  public PeakEstimate {
    if (cores < 1 || !(gflopsPerCore > 0) || Double.isInfinite(gflopsPerCore)) {
      throw new IllegalArgumentException(
          "peak estimate needs cores >= 1 and a positive GFLOP/s per core, got " + cores + ", " + gflopsPerCore);
    }
  }

  /** {@code cores × gflopsPerCore}. */
  public double gflops() {
    return cores * gflopsPerCore;
  }
}
