package io.invstream.trainer.tensor.cuda;

import io.invstream.trainer.tensor.BackendAvailability;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the CUDA backend can run here, found without creating a context and without throwing:
 * driver present and initialised, a device, a supported compute capability, cuBLAS, and kernels
 * (packaged by nvcc, or NVRTC to compile them).
 */
final class CudaProbe {

  /** The oldest compute capability nvcc 13 and cuBLAS 13 support. */
  static final int MIN_CAPABILITY = 75;
  /** The oldest compute capability the packaged machine code or PTX runs on. */
  static final int PACKAGED_MIN_CAPABILITY = 80;
  /** Packaged kernels come from nvcc 13: their PTX and cubins need a CUDA 13 driver. */
  static final int PACKAGED_MIN_DRIVER = 13000;

  private CudaProbe() {}

  static BackendAvailability probe() {
    List<String> details = new ArrayList<>();
    CudaRuntime runtime;
    try {
      runtime = CudaRuntime.get();
    } catch (NativeLibrary.LibraryNotFoundException e) {
      return BackendAvailability.unusable("no CUDA driver: " + e.getMessage(), e.tried());
    } catch (CudaException e) {
      return BackendAvailability.unusable("the CUDA driver is installed but " + e.getMessage(), details);
    } catch (RuntimeException | LinkageError e) {
      return BackendAvailability.unusable("the CUDA driver could not be used: " + e, details);
    }
    details.add("driver: " + runtime.driver.library.location() + ", CUDA " + DeviceInfo.versionString(runtime.driverVersion));
    try {
      return probe(runtime, details);
    } catch (NativeLibrary.LibraryNotFoundException e) {
      details.addAll(e.tried());
      return BackendAvailability.unusable(e.getMessage(), details);
    } catch (RuntimeException e) {
      return BackendAvailability.unusable("probing the GPU failed: " + e.getMessage(), details);
    }
  }

  private static BackendAvailability probe(CudaRuntime runtime, List<String> details) {
    int count = runtime.driver.deviceCount();
    int ordinal = runtime.deviceOrdinal();
    if (count == 0) {
      return BackendAvailability.unusable("the CUDA driver sees no GPU", details);
    }
    if (ordinal < 0 || ordinal >= count) {
      return BackendAvailability.unusable(
          CudaRuntime.ENV_DEVICE + "=" + ordinal + " but the driver sees " + count + " GPU(s)", details);
    }
    DeviceInfo info = DeviceInfo.read(runtime.driver, ordinal);
    details.add(info.describe());
    int capability = info.major() * 10 + info.minor();
    if (capability < MIN_CAPABILITY) {
      return BackendAvailability.unusable(info.describe() + " is older than sm_75, the oldest GPU the CUDA backend supports "
          + "(use the cpu device, or the Maven profile cuda for ND4J's CUDA 11 build)", details);
    }
    NativeLibrary cublas = runtime.cublas();
    details.add("cuBLAS: " + cublas.location());
    String kernels = kernels(runtime, capability, details);
    if (kernels == null) {
      return BackendAvailability.unusable("no kernels can be loaded for " + info.describe() + ": " + details.get(details.size() - 1),
          details);
    }
    return BackendAvailability.usable(info.describe() + ", " + kernels, details);
  }

  /** Where the kernels will come from, or null (with the reason as the last detail). */
  private static String kernels(CudaRuntime runtime, int capability, List<String> details) {
    KernelModule.Source source = runtime.kernelSource();
    boolean packagedFits = KernelModule.packaged() && capability >= PACKAGED_MIN_CAPABILITY
        && runtime.driverVersion >= PACKAGED_MIN_DRIVER;
    if (source != KernelModule.Source.NVRTC && packagedFits) {
      details.add("kernels: " + KernelModule.buildInfo());
      return "packaged kernels";
    }
    String why = !KernelModule.packaged() ? "no kernels were packaged (built without nvcc)"
        : capability < PACKAGED_MIN_CAPABILITY ? "the packaged kernels start at sm_80"
        : runtime.driverVersion < PACKAGED_MIN_DRIVER ? "the packaged kernels need a CUDA 13 driver"
        : "INVSTREAM_CUDA_KERNELS=nvrtc";
    if (source == KernelModule.Source.PACKAGED) {
      details.add("INVSTREAM_CUDA_KERNELS=packaged, but " + why);
      return null;
    }
    try {
      Nvrtc nvrtc = runtime.nvrtc();
      details.add("kernels: compiled at start by " + nvrtc.describe() + " (" + why + ")");
      return "kernels compiled by NVRTC";
    } catch (NativeLibrary.LibraryNotFoundException e) {
      details.addAll(e.tried());
      details.add(why + ", and " + e.getMessage());
      return null;
    }
  }
}
