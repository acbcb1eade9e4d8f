package io.invstream.trainer.tensor;

/**
 * One {@link TensorBackend#gemm} call's shape: {@code C [m, n] = op(A) · op(B)} with inner size k.
 *
 * @param transA whether A is read transposed
 * @param transB whether B is read transposed
 * @param m rows of C
 * @param n columns of C
 * @param k inner size
 */
public record GemmShape(boolean transA, boolean transB, int m, int n, int k) {

  /** Floating-point operations of one such product, {@code 2·m·n·k}. */
  public long flops() {
    return 2L * m * n * k;
  }

  @Override
  public String toString() {
    return (transA ? "Aᵀ" : "A") + (transB ? "Bᵀ" : "B") + " " + m + "×" + n + "×" + k;
  }
}
