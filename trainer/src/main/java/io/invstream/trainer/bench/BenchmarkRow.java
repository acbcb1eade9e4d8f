package io.invstream.trainer.bench;

/**
 * Timing of one algorithm.
 *
 * @param msPerStep median over rounds of the mean wall time of one training step
 * @param ratioToErm {@code msPerStep / msPerStep(erm)}
 * @param gflops GEMM floating-point operations per step divided by {@code msPerStep}: the
 *     achieved rate of the matrix work (elementwise work not counted)
 * @param fractionOfPeak {@code gflops} over the machine's FP32 peak estimate
 */
public record BenchmarkRow(String algorithm, double msPerStep, double ratioToErm, double gflops, double fractionOfPeak) {}
