package io.invstream.trainer.tensor;

import java.util.List;

/**
 * Optional capability of a backend whose GEMMs run in a library (the CUDA backend's cuBLAS): it
 * records the shapes of the GEMMs a training step issues, and times those shapes both through
 * {@link TensorBackend#gemm} and by calling the library directly, so a benchmark can say what
 * fraction of the library's own throughput the seam keeps.
 */
public interface GemmProfiling {

  /** Starts (clearing earlier ones) or stops recording the shapes of {@link TensorBackend#gemm} calls. */
  void recordGemmShapes(boolean on);

  /** The shapes recorded since recording last started, in call order. */
  List<GemmShape> recordedGemmShapes();

  /**
   * Runs {@code shapes} in order {@code repetitions} times through {@link TensorBackend#gemm} and
   * then as direct library calls on the same buffers, each timed after a warm-up round.
   */
  GemmTiming timeGemms(List<GemmShape> shapes, int repetitions);

  /**
   * Wall-clock time of one pass over the shapes each way, synchronised at the end of the
   * repetitions.
   *
   * @param seamMillis per pass through {@link TensorBackend#gemm}
   * @param libraryMillis per pass of direct library calls
   * @param flopsPerPass {@code Σ 2·m·n·k} of the shapes
   * @param library e.g. {@code "cuBLAS 13.0 cublasSgemm_v2"}
   */
  record GemmTiming(double seamMillis, double libraryMillis, long flopsPerPass, String library) {

    /** GFLOP/s through the seam. */
    public double seamGflops() {
      return flopsPerPass / (seamMillis * 1e6);
    }

    /** GFLOP/s of direct library calls. */
    public double libraryGflops() {
      return flopsPerPass / (libraryMillis * 1e6);
    }

    /** Seam throughput as a fraction of the library's own. */
    public double fractionOfLibrary() {
      return libraryMillis / seamMillis;
    }
  }
}
