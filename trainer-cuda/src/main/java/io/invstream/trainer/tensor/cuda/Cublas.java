package io.invstream.trainer.tensor.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * One cuBLAS handle bound to the backend's stream, with the few calls the backend makes. Row-major
 * tensors are passed with the usual trick: a row-major {@code [r, c]} matrix is the column-major
 * {@code [c, r]} matrix, so {@code C = op(A)·op(B)} in row-major is {@code Cᵀ = op(B)ᵀ·op(A)ᵀ} in
 * column-major: the operands swap and keep their transpose flags.
 *
 * <p>Math mode: {@code CUBLAS_DEFAULT_MATH}, i.e. true FP32 (no TF32), so results agree with the
 * CPU's within float32 rounding; {@code INVSTREAM_CUDA_TF32=1} allows TF32 tensor cores (faster,
 * about 3e-4 relative error, which breaks the 1e-4 agreement the tests demand).
 */
final class Cublas implements AutoCloseable {

  static final int OP_N = 0;
  static final int OP_T = 1;
  private static final int DEFAULT_MATH = 0;
  private static final int TF32_TENSOR_OP_MATH = 3;

  private final NativeLibrary library;
  private final MethodHandle sgemm;
  private final MethodHandle sgemv;
  private final MethodHandle destroy;
  private final Optional<MethodHandle> statusName;
  private final Optional<MethodHandle> statusString;
  private final MemorySegment handle;
  private final MemorySegment scalars;
  private final int version;

  Cublas(NativeLibrary library, MemorySegment stream, long workspace, long workspaceBytes, boolean tf32) {
    this.library = library;
    statusName = library.optionalFunction("cublasGetStatusName", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    statusString = library.optionalFunction("cublasGetStatusString", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    sgemm = library.function("cublasSgemm_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT,
        JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    sgemv = library.function("cublasSgemv_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT,
        ADDRESS, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    destroy = library.function("cublasDestroy_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    MethodHandle create = library.function("cublasCreate_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    MethodHandle setStream = library.function("cublasSetStream_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    MethodHandle setMathMode = library.function("cublasSetMathMode", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    Optional<MethodHandle> setWorkspace = library.optionalFunction("cublasSetWorkspace_v2",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    MethodHandle getVersion = library.function("cublasGetVersion_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    scalars = Arena.global().allocate(JAVA_FLOAT, 2);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(ADDRESS);
      check(Driver.call(() -> (int) create.invokeExact(out)), "cublasCreate_v2");
      handle = out.get(ADDRESS, 0);
      check(Driver.call(() -> (int) setStream.invokeExact(handle, stream)), "cublasSetStream_v2");
      int mode = tf32 ? TF32_TENSOR_OP_MATH : DEFAULT_MATH;
      check(Driver.call(() -> (int) setMathMode.invokeExact(handle, mode)), "cublasSetMathMode");
      if (setWorkspace.isPresent()) {
        check(Driver.call(() -> (int) setWorkspace.get().invokeExact(handle, workspace, workspaceBytes)), "cublasSetWorkspace_v2");
      }
      MemorySegment v = arena.allocate(JAVA_INT);
      check(Driver.call(() -> (int) getVersion.invokeExact(handle, v)), "cublasGetVersion_v2");
      version = v.get(JAVA_INT, 0);
    }
  }

  /** e.g. {@code "cuBLAS 13.0.2 (libcublas.so.13)"}. */
  String describe() {
    return "cuBLAS " + version / 10000 + "." + (version / 100) % 100 + "." + version % 100 + " ("
        + library.location().substring(library.location().lastIndexOf('/') + 1) + ")";
  }

  /**
   * Row-major {@code C [m, n] = alpha·op(A)·op(B) + beta·C} with inner size k; {@code lda}, {@code
   * ldb} are the stored row widths of A and B.
   */
  void sgemmRowMajor(boolean transA, boolean transB, int m, int n, int k, float alpha, long a, int lda, long b, int ldb,
      float beta, long c) {
    scalars.setAtIndex(JAVA_FLOAT, 0, alpha);
    scalars.setAtIndex(JAVA_FLOAT, 1, beta);
    MemorySegment alphaPtr = scalars;
    MemorySegment betaPtr = scalars.asSlice(4);
    int opB = transB ? OP_T : OP_N;
    int opA = transA ? OP_T : OP_N;
    check(Driver.call(() -> (int) sgemm.invokeExact(handle, opB, opA, n, m, k, alphaPtr, b, ldb, a, lda, betaPtr, c, n)),
        "cublasSgemm_v2");
  }

  /**
   * Column sums of a row-major {@code [rows, cols]} matrix x: {@code out = beta·out + xᵀ·ones},
   * i.e. the column-major {@code [cols, rows]} matrix times a vector of ones.
   */
  void columnSums(int rows, int cols, long x, long ones, float beta, long out) {
    scalars.setAtIndex(JAVA_FLOAT, 0, 1f);
    scalars.setAtIndex(JAVA_FLOAT, 1, beta);
    MemorySegment alphaPtr = scalars;
    MemorySegment betaPtr = scalars.asSlice(4);
    check(Driver.call(() -> (int) sgemv.invokeExact(handle, OP_N, cols, rows, alphaPtr, x, cols, ones, 1, betaPtr, out, 1)),
        "cublasSgemv_v2");
  }

  void check(int status, String call) {
    if (status != CublasStatus.SUCCESS) {
      throw new CudaException(call, status, text(statusName, status).orElse(CublasStatus.name(status)),
          text(statusString, status).orElse(CublasStatus.description(status)));
    }
  }

  private static Optional<String> text(Optional<MethodHandle> function, int status) {
    if (function.isEmpty()) {
      return Optional.empty();
    }
    try {
      MemorySegment text = (MemorySegment) function.get().invokeExact(status);
      return text.equals(MemorySegment.NULL) ? Optional.empty() : Optional.of(text.reinterpret(Long.MAX_VALUE).getString(0));
    } catch (Throwable t) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    check(Driver.call(() -> (int) destroy.invokeExact(handle)), "cublasDestroy_v2");
  }
}
