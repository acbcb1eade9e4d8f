package io.invstream.trainer.bench;

import io.invstream.trainer.tensor.GemmProfiling.GemmTiming;

/**
 * Timing of one algorithm.
 *
 * @param msPerStep median over rounds of the mean wall time of one training step
 * @param ratioToErm {@code msPerStep / msPerStep(erm)}
 * @param gflops GEMM floating-point operations per step divided by {@code msPerStep}: the
 *     achieved rate of the matrix work (elementwise work not counted)
 * @param fractionOfPeak {@code gflops} over the machine's FP32 peak estimate
 * @param gemmReplay the step's GEMM shapes replayed through the seam and directly in the
 *     backend's library, where the backend supports it ({@link
 *     io.invstream.trainer.tensor.GemmProfiling}); {@code null} otherwise
 */
public record BenchmarkRow(
    String algorithm, double msPerStep, double ratioToErm, double gflops, double fractionOfPeak, GemmTiming gemmReplay) {}
