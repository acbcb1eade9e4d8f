package io.invstream.trainer.tensor.cuda;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Everything one backend holds on the GPU: the device's primary context, one non-blocking stream
 * that every copy, kernel and cuBLAS call goes to (so they run in issue order), the device memory
 * arena, cuBLAS, the kernels, a page-locked staging buffer for uploads and downloads, and the
 * scratch of the reductions: per-block partial sums and a small block of results that is copied
 * to the host in one transfer when a kernel returns scalars.
 *
 * <p>Only scalars and downloads wait for the GPU ({@link #readResults}, {@link #download}); every
 * other call returns once its work is queued. A kernel fault (an illegal address, say) therefore
 * surfaces at the next wait, as a {@link CudaException} from {@code cuStreamSynchronize}.
 */
final class DeviceContext implements Accelerator {

  /** Device memory is taken from the driver in chunks of this size (or larger for one big tensor). */
  static final long ARENA_CHUNK_BYTES = 64L << 20;
  /** cuBLAS's workspace, its recommended size on Hopper. */
  static final long CUBLAS_WORKSPACE_BYTES = 32L << 20;
  static final long STAGING_BYTES = 4L << 20;
  /** Sums one reduction may produce at once (cross-entropy: loss, weight, correct). */
  static final int MAX_SUMS = 4;
  static final int RESULT_DOUBLES = 16;
  static final int RESULT_INTS = 16;
  private static final long RESULT_BYTES = 8L * RESULT_DOUBLES + 4L * RESULT_INTS;

  private final Driver driver;
  private final DeviceInfo info;
  private final DeviceArena arena;
  private final Cublas cublas;
  private final KernelLauncher launcher;
  private final String kernels;
  /** {@code MAX_SUMS × MAX_BLOCKS} doubles of per-block partial sums. */
  private final long partials;
  /** {@code RESULT_DOUBLES} doubles followed by {@code RESULT_INTS} ints ({@link #flags}). */
  private final long results;
  private final long flags;
  private final MemorySegment context;
  private final MemorySegment stream;
  private final MemorySegment module;
  private final MemorySegment staging;
  private final MemorySegment resultsHost;
  private final Arena hostArena = Arena.ofShared();
  private final Deque<Runnable> closers = new ArrayDeque<>();
  private Thread boundThread;
  private boolean closed;

  private DeviceContext(CudaRuntime runtime) {
    this.driver = runtime.driver;
    this.info = DeviceInfo.read(driver, runtime.deviceOrdinal());
    try {
      context = driver.retainPrimaryContext(info.handle());
      closers.push(() -> driver.releasePrimaryContext(info.handle()));
      driver.setCurrent(context);
      boundThread = Thread.currentThread();
      stream = driver.createStream(Driver.STREAM_NON_BLOCKING);
      closers.push(() -> driver.destroyStream(stream));
      arena = new DeviceArena(new DeviceArena.Allocator() {
        @Override
        public long allocate(long bytes) {
          return driver.allocate(bytes);
        }

        @Override
        public void free(long address) {
          driver.free(address);
        }
      }, ARENA_CHUNK_BYTES);
      closers.push(arena::close);
      staging = driver.allocateHost(STAGING_BYTES);
      closers.push(() -> driver.freeHost(staging));
      resultsHost = driver.allocateHost(RESULT_BYTES);
      closers.push(() -> driver.freeHost(resultsHost));
      partials = arena.allocate(8L * MAX_SUMS * KernelLauncher.MAX_BLOCKS);
      results = arena.allocate(RESULT_BYTES);
      flags = results + 8L * RESULT_DOUBLES;
      long workspace = arena.allocate(CUBLAS_WORKSPACE_BYTES);
      cublas = new Cublas(runtime.cublas(), stream, workspace, CUBLAS_WORKSPACE_BYTES, runtime.tf32());
      closers.push(cublas::close);
      KernelModule.Loaded loaded =
          KernelModule.load(driver, runtime.kernelSource(), info.major(), info.minor(), runtime::nvrtc);
      module = loaded.module();
      kernels = loaded.description();
      closers.push(() -> driver.unloadModule(module));
      launcher = new KernelLauncher(driver, module, stream, hostArena);
    } catch (RuntimeException e) {
      closeQuietly(e);
      throw e;
    }
  }

  /** Opens the GPU named by {@code INVSTREAM_CUDA_DEVICE} (default 0). */
  static DeviceContext open() {
    return new DeviceContext(CudaRuntime.get());
  }

  @Override
  public String deviceName() {
    return info.name() + " (sm_" + info.major() + info.minor() + ")";
  }

  @Override
  public String blasDescription() {
    return cublas.describe();
  }

  @Override
  public String kernelsDescription() {
    return kernels;
  }

  @Override
  public long allocate(long bytes) {
    return arena.allocate(bytes);
  }

  @Override
  public long partials() {
    return partials;
  }

  @Override
  public long results() {
    return results;
  }

  @Override
  public long flags() {
    return flags;
  }

  @Override
  public void launch(Kernel kernel, int blocks, Object... args) {
    launcher.launch(kernel, blocks, args);
  }

  @Override
  public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, long a, int lda, long b, int ldb,
      float beta, long c) {
    cublas.sgemmRowMajor(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c);
  }

  @Override
  public void columnSums(int rows, int cols, long x, long ones, float beta, long out) {
    cublas.columnSums(rows, cols, x, ones, beta, out);
  }

  /** Makes the context current on the calling thread (CUDA contexts are per thread). */
  @Override
  public void bind() {
    if (closed) {
      throw new IllegalStateException("this CUDA backend is closed; its tensors can no longer be used");
    }
    Thread current = Thread.currentThread();
    if (current != boundThread) {
      driver.setCurrent(context);
      boundThread = current;
    }
  }

  @Override
  public void synchronize() {
    driver.synchronize(stream);
  }

  @Override
  public void fill(long address, float value, long count) {
    driver.fill(address, value, count, stream);
  }

  @Override
  public void fillBits(long address, int bits, long count) {
    driver.fillBits(address, bits, count, stream);
  }

  @Override
  public void copy(long dst, long src, long bytes) {
    driver.copyOnDevice(dst, src, bytes, stream);
  }

  /** Copies floats from the heap to the device through the page-locked staging buffer. */
  @Override
  public void upload(float[] src, int srcOffset, long dst, int length) {
    int chunk = (int) (STAGING_BYTES / 4);
    for (int done = 0; done < length; done += chunk) {
      int n = Math.min(chunk, length - done);
      MemorySegment.copy(src, srcOffset + done, staging, JAVA_FLOAT, 0, n);
      driver.copyToDevice(dst + 4L * done, staging, 4L * n, stream);
      synchronize(); // the staging buffer is reused by the next chunk or call
    }
  }

  /** Copies floats from the device to the heap; waits for all queued work first. */
  @Override
  public void download(long src, float[] dst, int dstOffset, int length) {
    int chunk = (int) (STAGING_BYTES / 4);
    for (int done = 0; done < length; done += chunk) {
      int n = Math.min(chunk, length - done);
      driver.copyToHost(staging, src + 4L * done, 4L * n, stream);
      synchronize();
      MemorySegment.copy(staging, JAVA_FLOAT, 0, dst, dstOffset + done, n);
    }
  }

  /** Waits for the queued work and returns the first {@code count} result doubles. */
  @Override
  public double[] readResults(int count) {
    driver.copyToHost(resultsHost, results, RESULT_BYTES, stream);
    synchronize();
    return resultsHost.asSlice(0, 8L * count).toArray(JAVA_DOUBLE);
  }

  /** Result int {@code index}, as copied by the last {@link #readResults}. */
  @Override
  public int flag(int index) {
    return resultsHost.get(JAVA_INT, 8L * RESULT_DOUBLES + 4L * index);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    bind();
    RuntimeException failure = null;
    try {
      synchronize();
    } catch (RuntimeException e) {
      failure = e;
    }
    closed = true;
    closeQuietly(failure);
    hostArena.close();
    if (failure != null) {
      throw failure;
    }
  }

  private void closeQuietly(RuntimeException primary) {
    while (!closers.isEmpty()) {
      try {
        closers.pop().run();
      } catch (RuntimeException e) {
        if (primary != null) {
          primary.addSuppressed(e);
        }
      }
    }
  }
}
