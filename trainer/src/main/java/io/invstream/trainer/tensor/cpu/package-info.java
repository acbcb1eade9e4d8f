/** The CPU backend: ND4J storage, OpenBLAS GEMM, fused Java kernels streamed in heap chunks. */
package io.invstream.trainer.tensor.cpu;
