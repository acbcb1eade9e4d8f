package io.invstream.trainer.tensor.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invstream.trainer.tensor.BackendAvailability;
import io.invstream.trainer.tensor.BackendChoice;
import io.invstream.trainer.tensor.Device;
import io.invstream.trainer.tensor.Shape;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackends;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The driver path's own behaviour against the fake CUDA installation: what the probe reports,
 * {@code --device auto} choosing the "GPU", errors named by the driver, the fallback to NVRTC when
 * the driver refuses the packaged kernels, and every kernel agreeing with the CPU's fixture.
 */
class FakeDriverBackendTest {

  @BeforeEach
  void fake() {
    FakeDriver.assumeFake();
  }

  @Test
  void probeReportsTheDeviceTheLibrariesAndTheKernels() {
    BackendAvailability a = CudaBackend.probe();
    assertThat(a.summary()).isEqualTo(
        "GPU 0: Fake GPU (host emulation) (sm_90, 132 SMs, 4.0 GiB), driver for CUDA 13.0, packaged kernels");
    assertThat(a.details()).contains("driver: " + FakeDriver.directory().resolve("libcuda.so.1") + ", CUDA 13.0",
        "cuBLAS: " + FakeDriver.directory().resolve("libcublas.so.13"));
  }

  @Test
  void autoChoosesTheGpuAndSaysWhich() {
    try (BackendChoice choice = TensorBackends.choose(Device.AUTO)) {
      assertThat(choice.device()).isEqualTo(Device.CUDA);
      assertThat(choice.reason()).startsWith("--device auto chose cuda: GPU 0: Fake GPU (host emulation) (sm_90");
      assertThat(choice.backend().description()).isEqualTo("cuda Fake GPU (host emulation) (sm_90), cuBLAS 13.0.1 "
          + "(libcublas.so.13), packaged " + KernelModule.buildInfo());
    }
  }

  @Test
  void kernelsGoThroughCuLaunchKernel() {
    try (CudaBackend backend = CudaBackend.open()) {
      long before = FakeDriver.launches();
      Tensor x = backend.allocate(Shape.of(1000));
      backend.fill(x, 2f);
      assertThat(backend.sumOfSquares(x)).isEqualTo(4000.0);
      assertThat(FakeDriver.launches() - before).isEqualTo(2); // dot partials, then their reduction
    }
  }

  @Test
  void driverErrorsNameTheCallAndTheCode() {
    try (CudaBackend backend = CudaBackend.open()) {
      assertThatThrownBy(() -> backend.allocate(Shape.of(1 << 30, 2))).isInstanceOf(CudaException.class)
          .hasMessage("cuMemAlloc_v2 (8192.0 MiB) failed: CUDA_ERROR_OUT_OF_MEMORY (2): out of memory");
    }
  }

  @Test
  void aDriverThatRefusesThePackagedKernelsGetsThemFromNvrtc() {
    FakeDriver.rejectFatbins(true);
    try (CudaBackend backend = CudaBackend.open()) {
      assertThat(backend.description()).contains("compiled at start by NVRTC 13.0 (" + FakeDriver.directory().resolve("libnvrtc.so.13")
          + ") for compute_90 (cuModuleLoadDataEx (invstream_kernels.fatbin); JIT log: fake driver: this PTX ISA version "
          + "is too new failed: CUDA_ERROR_UNSUPPORTED_PTX_VERSION (222)");
      Tensor x = backend.allocate(Shape.of(3));
      backend.fill(x, 1f);
      backend.scale(3f, x);
      assertThat(backend.download(x)).containsExactly(3f, 3f, 3f);
    } finally {
      FakeDriver.rejectFatbins(false);
    }
  }

  @Test
  void everyKernelAgreesWithTheCpuThroughTheDriverPath() {
    try (CudaBackend backend = CudaBackend.open()) {
      KernelCases.run(backend).assertAgreesWith(Outputs.read(AgreementFixtures.KERNELS), AgreementFixtures.GPU_TOLERANCE,
          AgreementFixtures.KERNEL_FLOOR, "CUDA kernels on the fake driver vs CPU");
    }
  }
}
