package io.invstream.trainer.tensor.cuda;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.invstream.trainer.tensor.BackendAvailability;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The fake CUDA installation of {@code src/test/emulator} (fake_cuda.cpp, fake_cublas.cpp,
 * fake_nvrtc.cpp), which the surefire execution {@code fake-driver} puts first on the library
 * search path: the backend's real driver, cuBLAS and NVRTC bindings run against it.
 */
final class FakeDriver {

  private FakeDriver() {}

  /** Skips unless the probe sees the fake GPU (the fake was built and this JVM searches it first). */
  static void assumeFake() {
    BackendAvailability a = CudaBackend.probe();
    Assumptions.assumeTrue(a.usable() && a.summary().contains("Fake GPU"),
        () -> "the fake CUDA installation is not in use (needs g++ and cuda.h at build time): " + a.report());
  }

  static Path directory() {
    return Path.of(System.getenv("INVSTREAM_CUDA_LIBS"));
  }

  /** Makes the fake driver refuse (or accept again) nvcc's fatbin, as a too-old driver would. */
  static void rejectFatbins(boolean on) {
    try {
      handle("fake_cuda_reject_fatbins", FunctionDescriptor.ofVoid(JAVA_INT)).invokeExact(on ? 1 : 0);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** Kernel launches the fake driver has run. */
  static long launches() {
    try {
      return (long) handle("fake_cuda_launches", FunctionDescriptor.of(JAVA_LONG)).invokeExact();
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
    SymbolLookup lookup = SymbolLookup.libraryLookup(directory().resolve("libcuda.so.1"), Arena.global());
    return Linker.nativeLinker().downcallHandle(lookup.find(name).orElseThrow(), descriptor);
  }
}
