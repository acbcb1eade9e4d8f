/**
 * The CUDA implementation of the trainer's tensor seam, through the Java Foreign Function & Memory
 * API (Java 22+) against the host's CUDA driver, cuBLAS and (as a fallback) NVRTC.
 */
package io.invstream.trainer.tensor.cuda;
