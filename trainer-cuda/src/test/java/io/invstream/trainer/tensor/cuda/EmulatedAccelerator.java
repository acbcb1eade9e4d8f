package io.invstream.trainer.tensor.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The backend's device on the host, for tests without a GPU: memory is native host memory (its
 * addresses stand in for device addresses), the kernels are the same {@code invstream_kernels.cu}
 * compiled by g++ with a shim that runs each CUDA thread of a block as a host thread ({@code
 * src/test/emulator}), launched through the same {@link KernelArguments} block as on the GPU; the
 * two cuBLAS calls are plain float loops.
 *
 * <p>What this proves: the Java side (shape checks, argument kinds and order, grid sizes, the
 * reduction and result protocol, chunking) and the kernels' arithmetic and indexing. What it does
 * not: anything about the GPU, the driver, cuBLAS, nvcc's code generation or device math
 * functions (host libm stands in for CUDA's {@code exp}, {@code log}, {@code tanh}).
 */
final class EmulatedAccelerator implements Accelerator {

  /** System property naming the emulator library; set by the build (surefire). */
  static final String LIBRARY_PROPERTY = "invstream.emulator.library";
  private static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

  private final MethodHandle emulate;
  private final Arena arena = Arena.ofShared();
  private final KernelArguments arguments = new KernelArguments(arena);
  private final long partials;
  private final long results;
  private final long flags;
  private boolean closed;

  private EmulatedAccelerator(MethodHandle emulate) {
    this.emulate = emulate;
    partials = allocate(8L * DeviceContext.MAX_SUMS * KernelLauncher.MAX_BLOCKS);
    results = allocate(8L * DeviceContext.RESULT_DOUBLES + 4L * DeviceContext.RESULT_INTS);
    flags = results + 8L * DeviceContext.RESULT_DOUBLES;
  }

  /** The emulator library built by this module's build, if it was (g++ present). */
  static Optional<Path> library() {
    String path = System.getProperty(LIBRARY_PROPERTY);
    return path == null || !Files.exists(Path.of(path)) ? Optional.empty() : Optional.of(Path.of(path));
  }

  static EmulatedAccelerator open() {
    Path library = library().orElseThrow(() -> new IllegalStateException("the kernel emulator was not built (needs g++)"));
    SymbolLookup lookup = SymbolLookup.libraryLookup(library, Arena.global());
    MethodHandle emulate = Linker.nativeLinker().downcallHandle(lookup.find("invstream_emulate").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    return new EmulatedAccelerator(emulate);
  }

  @Override
  public String deviceName() {
    return "host emulation of the CUDA kernels";
  }

  @Override
  public String blasDescription() {
    return "host GEMM loops (emulation)";
  }

  @Override
  public String kernelsDescription() {
    return "invstream_kernels.cu built by g++";
  }

  @Override
  public void bind() {
    if (closed) {
      throw new IllegalStateException("this CUDA backend is closed; its tensors can no longer be used");
    }
  }

  @Override
  public long allocate(long bytes) {
    return arena.allocate(DeviceArena.alignUp(Math.max(bytes, 1)), DeviceArena.ALIGNMENT).address();
  }

  @Override
  public void fill(long address, float value, long count) {
    for (long i = 0; i < count; i++) {
      ALL.set(JAVA_FLOAT, address + 4 * i, value);
    }
  }

  @Override
  public void fillBits(long address, int bits, long count) {
    for (long i = 0; i < count; i++) {
      ALL.set(JAVA_INT, address + 4 * i, bits);
    }
  }

  @Override
  public void copy(long dst, long src, long bytes) {
    MemorySegment.copy(ALL, src, ALL, dst, bytes);
  }

  @Override
  public void upload(float[] src, int srcOffset, long dst, int length) {
    MemorySegment.copy(src, srcOffset, ALL, JAVA_FLOAT, dst, length);
  }

  @Override
  public void download(long src, float[] dst, int dstOffset, int length) {
    MemorySegment.copy(ALL, JAVA_FLOAT, src, dst, dstOffset, length);
  }

  @Override
  public void launch(Kernel kernel, int blocks, Object... args) {
    MemorySegment pointers = arguments.write(kernel, args);
    int status;
    try (Arena call = Arena.ofConfined()) {
      status = (int) emulate.invokeExact(call.allocateFrom(kernel.symbol()), blocks, Kernel.BLOCK, pointers);
    } catch (Throwable t) {
      throw new IllegalStateException("emulated launch of " + kernel.symbol() + " failed", t);
    }
    if (status != 0) {
      throw new IllegalStateException("the emulator refused " + kernel.symbol() + ": status " + status);
    }
  }

  @Override
  public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, long a, int lda, long b, int ldb,
      float beta, long c) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float sum = 0f;
        for (int l = 0; l < k; l++) {
          float av = ALL.get(JAVA_FLOAT, a + 4L * (transA ? (long) l * lda + i : (long) i * lda + l));
          float bv = ALL.get(JAVA_FLOAT, b + 4L * (transB ? (long) j * ldb + l : (long) l * ldb + j));
          sum += av * bv;
        }
        long at = c + 4L * ((long) i * n + j);
        ALL.set(JAVA_FLOAT, at, beta == 0f ? alpha * sum : alpha * sum + beta * ALL.get(JAVA_FLOAT, at));
      }
    }
  }

  @Override
  public void columnSums(int rows, int cols, long x, long ones, float beta, long out) {
    for (int c = 0; c < cols; c++) {
      float sum = beta == 0f ? 0f : beta * ALL.get(JAVA_FLOAT, out + 4L * c);
      for (int r = 0; r < rows; r++) {
        sum += ALL.get(JAVA_FLOAT, x + 4L * ((long) r * cols + c)) * ALL.get(JAVA_FLOAT, ones + 4L * r);
      }
      ALL.set(JAVA_FLOAT, out + 4L * c, sum);
    }
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
  public double[] readResults(int count) {
    double[] out = new double[count];
    MemorySegment.copy(ALL, JAVA_DOUBLE, results, out, 0, count);
    return out;
  }

  @Override
  public int flag(int index) {
    return ALL.get(JAVA_INT, flags + 4L * index);
  }

  @Override
  public void synchronize() {}

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      arena.close();
    }
  }
}
