package io.invstream.trainer.tensor.cpu;

/**
 * Heap scratch arrays for chunked kernels.
 *
 * <p>Why chunks: HotSpot vectorises loops over {@code float[]} but not over direct buffers, and a
 * per-element branch on random signs mispredicts half the time. The big kernels therefore copy
 * {@link #CHUNK} elements of each operand into these arrays (a memcpy), run a branch-free loop the
 * JIT can vectorise, and copy results back; a chunk's working set stays in L1.
 */
final class Scratch {

  static final int CHUNK = 1024;

  final float[] a = new float[CHUNK];
  final float[] b = new float[CHUNK];
  final float[] c = new float[CHUNK];
  final float[] d = new float[CHUNK];
  final float[] sum = new float[CHUNK];
  final float[] signs = new float[CHUNK];
  final double[] product = new double[CHUNK];
}
