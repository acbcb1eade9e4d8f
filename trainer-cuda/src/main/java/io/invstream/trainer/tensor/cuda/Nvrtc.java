package io.invstream.trainer.tensor.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * Run-time compilation of the kernels' CUDA C source to PTX with NVRTC, used when the jar carries
 * no kernels built by nvcc (it was built where nvcc was absent) or when they do not load (a driver
 * older than the nvcc that built them).
 */
final class Nvrtc {

  private final NativeLibrary library;
  private final MethodHandle create;
  private final MethodHandle compile;
  private final MethodHandle ptxSize;
  private final MethodHandle ptx;
  private final MethodHandle logSize;
  private final MethodHandle log;
  private final MethodHandle destroy;
  private final MethodHandle errorString;
  private final MethodHandle version;

  Nvrtc(NativeLibrary library) {
    this.library = library;
    create = library.function("nvrtcCreateProgram",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
    compile = library.function("nvrtcCompileProgram", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
    ptxSize = library.function("nvrtcGetPTXSize", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    ptx = library.function("nvrtcGetPTX", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    logSize = library.function("nvrtcGetProgramLogSize", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    log = library.function("nvrtcGetProgramLog", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    destroy = library.function("nvrtcDestroyProgram", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    errorString = library.function("nvrtcGetErrorString", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    version = library.function("nvrtcVersion", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
  }

  /** e.g. {@code "NVRTC 13.0 (libnvrtc.so.13)"}. */
  String describe() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment major = arena.allocate(JAVA_INT);
      MemorySegment minor = arena.allocate(JAVA_INT);
      check(Driver.call(() -> (int) version.invokeExact(major, minor)), "nvrtcVersion");
      return "NVRTC " + major.get(JAVA_INT, 0) + "." + minor.get(JAVA_INT, 0) + " (" + library.location() + ")";
    }
  }

  /** Compiles {@code source} with {@code options}; returns the NUL-terminated PTX. */
  byte[] compileToPtx(String source, String name, List<String> options) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment program = arena.allocate(ADDRESS);
      check(Driver.call(() -> (int) create.invokeExact(program, arena.allocateFrom(source), arena.allocateFrom(name), 0,
          MemorySegment.NULL, MemorySegment.NULL)), "nvrtcCreateProgram");
      MemorySegment handle = program.get(ADDRESS, 0);
      try {
        MemorySegment optionArray = arena.allocate(ADDRESS, options.size());
        for (int i = 0; i < options.size(); i++) {
          optionArray.setAtIndex(ADDRESS, i, arena.allocateFrom(options.get(i)));
        }
        int status = Driver.call(() -> (int) compile.invokeExact(handle, options.size(), optionArray));
        if (status != NvrtcResult.SUCCESS) {
          throw new CudaException("nvrtcCompileProgram(" + name + ", " + String.join(" ", options) + ")", status,
              NvrtcResult.name(status), describe(status) + "; log: " + programLog(arena, handle));
        }
        MemorySegment size = arena.allocate(JAVA_LONG);
        check(Driver.call(() -> (int) ptxSize.invokeExact(handle, size)), "nvrtcGetPTXSize");
        MemorySegment out = arena.allocate(size.get(JAVA_LONG, 0));
        check(Driver.call(() -> (int) ptx.invokeExact(handle, out)), "nvrtcGetPTX");
        return out.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
      } finally {
        Driver.call(() -> (int) destroy.invokeExact(program));
      }
    }
  }

  private String programLog(Arena arena, MemorySegment handle) {
    MemorySegment size = arena.allocate(JAVA_LONG);
    if (Driver.call(() -> (int) logSize.invokeExact(handle, size)) != NvrtcResult.SUCCESS) {
      return "(unavailable)";
    }
    MemorySegment text = arena.allocate(Math.max(1, size.get(JAVA_LONG, 0)));
    return Driver.call(() -> (int) log.invokeExact(handle, text)) == NvrtcResult.SUCCESS ? text.getString(0).strip() : "(unavailable)";
  }

  private void check(int status, String call) {
    if (status != NvrtcResult.SUCCESS) {
      throw new CudaException(call, status, NvrtcResult.name(status), describe(status));
    }
  }

  private String describe(int status) {
    try {
      MemorySegment text = (MemorySegment) errorString.invokeExact(status);
      return text.equals(MemorySegment.NULL) ? null : text.reinterpret(Long.MAX_VALUE).getString(0);
    } catch (Throwable t) {
      return null;
    }
  }
}
