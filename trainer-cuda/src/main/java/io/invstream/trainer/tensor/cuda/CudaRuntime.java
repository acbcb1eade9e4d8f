package io.invstream.trainer.tensor.cuda;

import java.util.Map;

/**
 * The process's CUDA libraries, loaded once: the driver (initialised), and on demand cuBLAS and
 * NVRTC, each found with {@link LibrarySearch}. Versions of cuBLAS and NVRTC newer than the driver
 * are skipped.
 */
final class CudaRuntime {

  /** Device ordinal to use; default 0. */
  static final String ENV_DEVICE = "INVSTREAM_CUDA_DEVICE";
  /** {@code auto} (default), {@code packaged} or {@code nvrtc}: see {@link KernelModule}. */
  static final String ENV_KERNELS = "INVSTREAM_CUDA_KERNELS";
  /** {@code 1} lets cuBLAS use TF32 tensor cores; see {@link Cublas}. */
  static final String ENV_TF32 = "INVSTREAM_CUDA_TF32";

  private static CudaRuntime instance;

  final Map<String, String> environment;
  final LibrarySearch search;
  final Driver driver;
  final int driverVersion;
  private NativeLibrary cublas;
  private Nvrtc nvrtc;

  private CudaRuntime(Map<String, String> environment, LibrarySearch search, Driver driver) {
    this.environment = environment;
    this.search = search;
    this.driver = driver;
    driver.init();
    this.driverVersion = driver.driverVersion();
  }

  /**
   * The runtime for this process, loading and initialising the driver on first use; throws {@link
   * NativeLibrary.LibraryNotFoundException} or {@link CudaException} (e.g. {@code cuInit}: no
   * device) when that fails, and tries again on the next call.
   */
  static synchronized CudaRuntime get() {
    if (instance == null) {
      Map<String, String> env = System.getenv();
      LibrarySearch search = LibrarySearch.fromEnvironment(env);
      NativeLibrary library =
          NativeLibrary.load(CudaLibrary.DRIVER, search.candidates(CudaLibrary.DRIVER, Integer.MAX_VALUE), search.describe());
      instance = new CudaRuntime(env, search, new Driver(library));
    }
    return instance;
  }

  /** cuBLAS, loaded on first use. */
  synchronized NativeLibrary cublas() {
    if (cublas == null) {
      cublas = NativeLibrary.load(CudaLibrary.CUBLAS, search.candidates(CudaLibrary.CUBLAS, driverVersion / 1000),
          search.describe());
    }
    return cublas;
  }

  /** NVRTC, loaded on first use. */
  synchronized Nvrtc nvrtc() {
    if (nvrtc == null) {
      nvrtc = new Nvrtc(NativeLibrary.load(CudaLibrary.NVRTC, search.candidates(CudaLibrary.NVRTC, driverVersion / 1000),
          search.describe()));
    }
    return nvrtc;
  }

  int deviceOrdinal() {
    String value = environment.get(ENV_DEVICE);
    try {
      return value == null || value.isBlank() ? 0 : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(ENV_DEVICE + " must be a device index, got '" + value + "'", e);
    }
  }

  KernelModule.Source kernelSource() {
    return KernelModule.Source.parse(environment.get(ENV_KERNELS));
  }

  boolean tf32() {
    return "1".equals(environment.get(ENV_TF32));
  }
}
