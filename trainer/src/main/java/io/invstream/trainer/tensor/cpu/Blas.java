package io.invstream.trainer.tensor.cpu;

import java.nio.FloatBuffer;
import org.bytedeco.openblas.global.openblas;

/**
 * Row-major SGEMM straight into the OpenBLAS that nd4j-native ships and itself calls.
 *
 * <p>Why not {@code Nd4j.gemm}/{@code Nd4j.matmul}: each costs 10–25 µs of op dispatch whatever
 * the size (measured here: a 2×2 product took 11–27 µs through ND4J, 0.1 µs through the binding),
 * and the small models this trainer runs issue dozens of GEMMs per step. The arithmetic, threads
 * and results are those of the same library (checked equal to the last bit in a test).
 */
final class Blas {

  private Blas() {}

  static void sgemm(
      boolean transA, boolean transB, float alpha, CpuTensor a, CpuTensor b, float beta, CpuTensor c) {
    int m = c.rows();
    int n = c.cols();
    int k = transA ? a.rows() : a.cols();
    int aRows = transA ? a.cols() : a.rows();
    int bRows = transB ? b.cols() : b.rows();
    int bCols = transB ? b.rows() : b.cols();
    if (aRows != m || bRows != k || bCols != n) {
      throw new IllegalArgumentException(
          "gemm shapes do not agree: op(A) of "
              + a.shape()
              + (transA ? "ᵀ" : "")
              + " times op(B) of "
              + b.shape()
              + (transB ? "ᵀ" : "")
              + " into C of "
              + c.shape());
    }
    openblas.cblas_sgemm(
        openblas.CblasRowMajor,
        transA ? openblas.CblasTrans : openblas.CblasNoTrans,
        transB ? openblas.CblasTrans : openblas.CblasNoTrans,
        m,
        n,
        k,
        alpha,
        a.data(),
        a.cols(),
        b.data(),
        b.cols(),
        beta,
        c.data(),
        n);
  }

  /** {@code gram[r·E + q] += row_r · row_q} for the rows of {@code stacked [E, n]}, in double. */
  static void addRowDots(CpuTensor stacked, double[] gram) {
    int e = stacked.rows();
    int n = stacked.cols();
    FloatBuffer[] rows = new FloatBuffer[e];
    for (int r = 0; r < e; r++) {
      rows[r] = stacked.data().slice(r * n, n);
    }
    for (int r = 0; r < e; r++) {
      for (int q = r; q < e; q++) {
        double dot = openblas.cblas_dsdot(n, rows[r], 1, rows[q], 1);
        gram[r * e + q] += dot;
        if (q != r) {
          gram[q * e + r] += dot;
        }
      }
    }
  }

  static String threadDescription() {
    return "openblas " + openblas.blas_get_num_threads() + " threads";
  }
}
