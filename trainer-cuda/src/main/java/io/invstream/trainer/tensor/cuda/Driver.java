package io.invstream.trainer.tensor.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The CUDA driver API functions the backend uses, as typed Java methods. Every call's result is
 * checked; an error becomes a {@link CudaException} naming the call and the code (names and
 * descriptions from {@code cuGetErrorName}/{@code cuGetErrorString}, else {@link CuResult}).
 *
 * <p>Versioned symbols are bound by their exported names ({@code cuMemAlloc_v2}, …), the ones
 * {@code cuda.h} maps the plain names to in CUDA 12 and 13.
 */
final class Driver {

  static final int ATTRIBUTE_MULTIPROCESSOR_COUNT = 16;
  static final int ATTRIBUTE_L2_CACHE_SIZE = 38;
  static final int ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75;
  static final int ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76;
  static final int STREAM_NON_BLOCKING = 1;
  private static final int JIT_ERROR_LOG_BUFFER = 5;
  private static final int JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6;
  private static final int JIT_LOG_BYTES = 16 * 1024;

  final NativeLibrary library;
  private final MethodHandle cuInit;
  private final MethodHandle cuDriverGetVersion;
  private final MethodHandle cuDeviceGetCount;
  private final MethodHandle cuDeviceGet;
  private final MethodHandle cuDeviceGetName;
  private final MethodHandle cuDeviceGetAttribute;
  private final MethodHandle cuDeviceTotalMem;
  private final MethodHandle cuDevicePrimaryCtxRetain;
  private final MethodHandle cuDevicePrimaryCtxRelease;
  private final MethodHandle cuCtxSetCurrent;
  private final MethodHandle cuMemGetInfo;
  private final MethodHandle cuMemAlloc;
  private final MethodHandle cuMemFree;
  private final MethodHandle cuMemAllocHost;
  private final MethodHandle cuMemFreeHost;
  private final MethodHandle cuMemcpyHtoDAsync;
  private final MethodHandle cuMemcpyDtoHAsync;
  private final MethodHandle cuMemcpyDtoDAsync;
  private final MethodHandle cuMemsetD32Async;
  private final MethodHandle cuStreamCreate;
  private final MethodHandle cuStreamDestroy;
  private final MethodHandle cuStreamSynchronize;
  private final MethodHandle cuModuleLoadDataEx;
  private final MethodHandle cuModuleUnload;
  private final MethodHandle cuModuleGetFunction;
  private final MethodHandle cuLaunchKernel;
  private final Optional<MethodHandle> cuGetErrorName;
  private final Optional<MethodHandle> cuGetErrorString;

  Driver(NativeLibrary library) {
    this.library = library;
    cuInit = library.function("cuInit", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    cuDriverGetVersion = library.function("cuDriverGetVersion", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    cuDeviceGetCount = library.function("cuDeviceGetCount", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    cuDeviceGet = library.function("cuDeviceGet", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    cuDeviceGetName = library.function("cuDeviceGetName", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    cuDeviceGetAttribute =
        library.function("cuDeviceGetAttribute", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    cuDeviceTotalMem = library.function("cuDeviceTotalMem_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    cuDevicePrimaryCtxRetain =
        library.function("cuDevicePrimaryCtxRetain", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    cuDevicePrimaryCtxRelease = library.function("cuDevicePrimaryCtxRelease_v2", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    cuCtxSetCurrent = library.function("cuCtxSetCurrent", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    cuMemGetInfo = library.function("cuMemGetInfo_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    cuMemAlloc = library.function("cuMemAlloc_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    cuMemFree = library.function("cuMemFree_v2", FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
    cuMemAllocHost = library.function("cuMemAllocHost_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    cuMemFreeHost = library.function("cuMemFreeHost", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    cuMemcpyHtoDAsync =
        library.function("cuMemcpyHtoDAsync_v2", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS));
    cuMemcpyDtoHAsync =
        library.function("cuMemcpyDtoHAsync_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS));
    cuMemcpyDtoDAsync =
        library.function("cuMemcpyDtoDAsync_v2", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS));
    cuMemsetD32Async =
        library.function("cuMemsetD32Async", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, ADDRESS));
    cuStreamCreate = library.function("cuStreamCreate", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    cuStreamDestroy = library.function("cuStreamDestroy_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    cuStreamSynchronize = library.function("cuStreamSynchronize", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    cuModuleLoadDataEx = library.function("cuModuleLoadDataEx",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
    cuModuleUnload = library.function("cuModuleUnload", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    cuModuleGetFunction = library.function("cuModuleGetFunction", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    cuLaunchKernel = library.function("cuLaunchKernel", FunctionDescriptor.of(JAVA_INT, ADDRESS,
        JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    cuGetErrorName = library.optionalFunction("cuGetErrorName", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    cuGetErrorString = library.optionalFunction("cuGetErrorString", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
  }

  // ---- initialisation and devices -------------------------------------------------------------

  void init() {
    check(call(() -> (int) cuInit.invokeExact(0)), "cuInit");
  }

  /** The driver's CUDA version, e.g. 13000 for 13.0. */
  int driverVersion() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(JAVA_INT);
      check(call(() -> (int) cuDriverGetVersion.invokeExact(out)), "cuDriverGetVersion");
      return out.get(JAVA_INT, 0);
    }
  }

  int deviceCount() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(JAVA_INT);
      check(call(() -> (int) cuDeviceGetCount.invokeExact(out)), "cuDeviceGetCount");
      return out.get(JAVA_INT, 0);
    }
  }

  int device(int ordinal) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(JAVA_INT);
      check(call(() -> (int) cuDeviceGet.invokeExact(out, ordinal)), "cuDeviceGet(" + ordinal + ")");
      return out.get(JAVA_INT, 0);
    }
  }

  String deviceName(int device) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(256);
      check(call(() -> (int) cuDeviceGetName.invokeExact(out, 256, device)), "cuDeviceGetName");
      return out.getString(0);
    }
  }

  int attribute(int device, int attribute) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(JAVA_INT);
      check(call(() -> (int) cuDeviceGetAttribute.invokeExact(out, attribute, device)),
          "cuDeviceGetAttribute(" + attribute + ")");
      return out.get(JAVA_INT, 0);
    }
  }

  long totalMemory(int device) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(JAVA_LONG);
      check(call(() -> (int) cuDeviceTotalMem.invokeExact(out, device)), "cuDeviceTotalMem_v2");
      return out.get(JAVA_LONG, 0);
    }
  }

  // ---- context and stream ---------------------------------------------------------------------

  MemorySegment retainPrimaryContext(int device) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(ADDRESS);
      check(call(() -> (int) cuDevicePrimaryCtxRetain.invokeExact(out, device)), "cuDevicePrimaryCtxRetain");
      return out.get(ADDRESS, 0);
    }
  }

  void releasePrimaryContext(int device) {
    check(call(() -> (int) cuDevicePrimaryCtxRelease.invokeExact(device)), "cuDevicePrimaryCtxRelease_v2");
  }

  void setCurrent(MemorySegment context) {
    check(call(() -> (int) cuCtxSetCurrent.invokeExact(context)), "cuCtxSetCurrent");
  }

  /** {@code {free, total}} bytes of device memory. */
  long[] memoryInfo() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment free = arena.allocate(JAVA_LONG);
      MemorySegment total = arena.allocate(JAVA_LONG);
      check(call(() -> (int) cuMemGetInfo.invokeExact(free, total)), "cuMemGetInfo_v2");
      return new long[] {free.get(JAVA_LONG, 0), total.get(JAVA_LONG, 0)};
    }
  }

  MemorySegment createStream(int flags) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(ADDRESS);
      check(call(() -> (int) cuStreamCreate.invokeExact(out, flags)), "cuStreamCreate");
      return out.get(ADDRESS, 0);
    }
  }

  void destroyStream(MemorySegment stream) {
    check(call(() -> (int) cuStreamDestroy.invokeExact(stream)), "cuStreamDestroy_v2");
  }

  void synchronize(MemorySegment stream) {
    check(call(() -> (int) cuStreamSynchronize.invokeExact(stream)), "cuStreamSynchronize");
  }

  // ---- memory ---------------------------------------------------------------------------------

  long allocate(long bytes) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(JAVA_LONG);
      check(call(() -> (int) cuMemAlloc.invokeExact(out, bytes)),
          "cuMemAlloc_v2 (" + Sizes.mebibytes(bytes) + ")");
      return out.get(JAVA_LONG, 0);
    }
  }

  void free(long pointer) {
    check(call(() -> (int) cuMemFree.invokeExact(pointer)), "cuMemFree_v2");
  }

  /** Page-locked host memory, so that asynchronous copies are truly asynchronous. */
  MemorySegment allocateHost(long bytes) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(ADDRESS);
      check(call(() -> (int) cuMemAllocHost.invokeExact(out, bytes)), "cuMemAllocHost_v2 (" + Sizes.mebibytes(bytes) + ")");
      return out.get(ADDRESS, 0).reinterpret(bytes);
    }
  }

  void freeHost(MemorySegment host) {
    check(call(() -> (int) cuMemFreeHost.invokeExact(host)), "cuMemFreeHost");
  }

  void copyToDevice(long dst, MemorySegment src, long bytes, MemorySegment stream) {
    check(call(() -> (int) cuMemcpyHtoDAsync.invokeExact(dst, src, bytes, stream)), "cuMemcpyHtoDAsync_v2");
  }

  void copyToHost(MemorySegment dst, long src, long bytes, MemorySegment stream) {
    check(call(() -> (int) cuMemcpyDtoHAsync.invokeExact(dst, src, bytes, stream)), "cuMemcpyDtoHAsync_v2");
  }

  void copyOnDevice(long dst, long src, long bytes, MemorySegment stream) {
    check(call(() -> (int) cuMemcpyDtoDAsync.invokeExact(dst, src, bytes, stream)), "cuMemcpyDtoDAsync_v2");
  }

  /** Sets {@code count} 32-bit words at {@code dst} to the bits of {@code value}. */
  void fill(long dst, float value, long count, MemorySegment stream) {
    int bits = Float.floatToRawIntBits(value);
    check(call(() -> (int) cuMemsetD32Async.invokeExact(dst, bits, count, stream)), "cuMemsetD32Async");
  }

  /** Sets {@code count} 32-bit words at {@code dst} to {@code bits}. */
  void fillBits(long dst, int bits, long count, MemorySegment stream) {
    check(call(() -> (int) cuMemsetD32Async.invokeExact(dst, bits, count, stream)), "cuMemsetD32Async");
  }

  // ---- modules and launches -------------------------------------------------------------------

  /**
   * Loads a module from a fatbin, cubin or NUL-terminated PTX image; a JIT failure's message
   * carries the JIT compiler's log.
   */
  MemorySegment loadModule(MemorySegment image, String what) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(ADDRESS);
      MemorySegment log = arena.allocate(JIT_LOG_BYTES);
      MemorySegment options = arena.allocate(JAVA_INT, 2);
      options.setAtIndex(JAVA_INT, 0, JIT_ERROR_LOG_BUFFER);
      options.setAtIndex(JAVA_INT, 1, JIT_ERROR_LOG_BUFFER_SIZE_BYTES);
      MemorySegment values = arena.allocate(ADDRESS, 2);
      values.setAtIndex(ADDRESS, 0, log);
      values.setAtIndex(ADDRESS, 1, MemorySegment.ofAddress(JIT_LOG_BYTES));
      int code = call(() -> (int) cuModuleLoadDataEx.invokeExact(out, image, 2, options, values));
      if (code != CuResult.SUCCESS) {
        String jitLog = log.getString(0).strip();
        throw error("cuModuleLoadDataEx (" + what + ")" + (jitLog.isEmpty() ? "" : "; JIT log: " + jitLog), code);
      }
      return out.get(ADDRESS, 0);
    }
  }

  void unloadModule(MemorySegment module) {
    check(call(() -> (int) cuModuleUnload.invokeExact(module)), "cuModuleUnload");
  }

  MemorySegment function(MemorySegment module, String name) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(ADDRESS);
      check(call(() -> (int) cuModuleGetFunction.invokeExact(out, module, arena.allocateFrom(name))),
          "cuModuleGetFunction(" + name + ")");
      return out.get(ADDRESS, 0);
    }
  }

  void launch(MemorySegment function, int blocks, int threads, MemorySegment stream, MemorySegment parameters, String name) {
    int code = call(() -> (int) cuLaunchKernel.invokeExact(function, blocks, 1, 1, threads, 1, 1, 0, stream, parameters,
        MemorySegment.NULL));
    check(code, "cuLaunchKernel(" + name + ")");
  }

  // ---- errors ---------------------------------------------------------------------------------

  void check(int code, String call) {
    if (code != CuResult.SUCCESS) {
      throw error(call, code);
    }
  }

  CudaException error(String call, int code) {
    return new CudaException(call, code, errorText(cuGetErrorName, code).orElse(CuResult.name(code)),
        errorText(cuGetErrorString, code).orElse(null));
  }

  private static Optional<String> errorText(Optional<MethodHandle> function, int code) {
    if (function.isEmpty()) {
      return Optional.empty();
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(ADDRESS);
      int status = (int) function.get().invokeExact(code, out);
      MemorySegment text = out.get(ADDRESS, 0);
      return status != CuResult.SUCCESS || text.equals(MemorySegment.NULL)
          ? Optional.empty()
          : Optional.of(text.reinterpret(Long.MAX_VALUE).getString(0));
    } catch (Throwable t) {
      return Optional.empty();
    }
  }

  /** Runs a downcall, rethrowing what only a broken binding can throw. */
  static int call(NativeCall call) {
    try {
      return call.invoke();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("native call failed: " + t, t);
    }
  }

  /** A downcall returning a status code. */
  @FunctionalInterface
  interface NativeCall {
    int invoke() throws Throwable;
  }
}
