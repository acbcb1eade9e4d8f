package io.invstream.trainer.tensor.cuda;

/**
 * What {@link CudaBackend} needs from a device: memory, copies, kernel launches, the two cuBLAS
 * calls, and the reduction scratch. {@link DeviceContext} is the GPU; the tests also run the
 * backend on a host emulation of the same CUDA C kernels, which checks everything but the GPU
 * itself (argument packing, launch sizes, reductions, shape checks) where no GPU is available.
 *
 * <p>Addresses are device addresses ({@code CUdeviceptr}); calls are queued in order, and only
 * {@link #download}, {@link #readResults} and {@link #synchronize} wait for them.
 */
interface Accelerator extends AutoCloseable {

  /** e.g. {@code "NVIDIA H200 (sm_90)"}. */
  String deviceName();

  /** e.g. {@code "cuBLAS 13.0.2 (libcublas.so.13)"}. */
  String blasDescription();

  /** Where the kernels came from, e.g. {@code "packaged kernels (sm_80,sm_90,compute_80, nvcc 13.0.88)"}. */
  String kernelsDescription();

  /** Makes the device usable from the calling thread; throws once closed. */
  void bind();

  /** {@code bytes} of device memory, 256-byte aligned, valid until {@link #close}. */
  long allocate(long bytes);

  void fill(long address, float value, long count);

  void fillBits(long address, int bits, long count);

  void copy(long dst, long src, long bytes);

  void upload(float[] src, int srcOffset, long dst, int length);

  void download(long src, float[] dst, int dstOffset, int length);

  void launch(Kernel kernel, int blocks, Object... args);

  /** Row-major {@code C = alpha·op(A)·op(B) + beta·C}; {@code lda}, {@code ldb} are stored row widths. */
  void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, long a, int lda, long b, int ldb,
      float beta, long c);

  /** {@code out[c] = beta·out[c] + Σ_r x[r, c]} using a device vector of at least {@code rows} ones. */
  void columnSums(int rows, int cols, long x, long ones, float beta, long out);

  /** Device address of the per-block partial sums ({@link DeviceContext#MAX_SUMS} × {@link KernelLauncher#MAX_BLOCKS} doubles). */
  long partials();

  /** Device address of the result doubles. */
  long results();

  /** Device address of the result ints. */
  long flags();

  /** Waits for the queued work and returns the first {@code count} result doubles. */
  double[] readResults(int count);

  /** Result int {@code index} as of the last {@link #readResults}. */
  int flag(int index);

  void synchronize();

  @Override
  void close();
}
