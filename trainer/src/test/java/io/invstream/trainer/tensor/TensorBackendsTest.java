package io.invstream.trainer.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invstream.trainer.tensor.TensorBackends.LookupResult;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --device cpu|cuda|auto}: which backend each opens, and the reason it gives. */
class TensorBackendsTest {

  private static final TensorBackend CPU = new Nd4jCpuBackend();

  private static TensorBackends with(LookupResult cuda) {
    return new TensorBackends(() -> cuda, () -> CPU);
  }

  private static TensorBackendProvider provider(BackendAvailability availability, TensorBackend opened) {
    return new TensorBackendProvider() {
      @Override
      public String name() {
        return "cuda";
      }

      @Override
      public BackendAvailability probe() {
        return availability;
      }

      @Override
      public TensorBackend open() {
        if (opened == null) {
          throw new IllegalStateException("cuDevicePrimaryCtxRetain failed: CUDA_ERROR_DEVICE_UNAVAILABLE (46)");
        }
        return opened;
      }
    };
  }

  @Test
  void inThisJava17BuildTheCudaBackendIsNotOnTheClassPath() {
    LookupResult found = TensorBackends.lookup(TensorBackends.CUDA_PROVIDER, getClass().getClassLoader());
    assertThat(found.provider()).isNull();
    assertThat(found.reason()).isEqualTo("the CUDA backend is not in this build "
        + "(io.invstream.trainer.tensor.cuda.CudaBackendProvider is not on the class path)");
    BackendChoice auto = TensorBackends.choose(Device.AUTO);
    assertThat(auto.device()).isEqualTo(Device.CPU);
    assertThat(auto.reason()).startsWith("--device auto chose cpu (nd4j-native cpu, openblas ")
        .endsWith("because the CUDA backend is not in this build "
            + "(io.invstream.trainer.tensor.cuda.CudaBackendProvider is not on the class path)");
    assertThatThrownBy(() -> TensorBackends.choose(Device.CUDA)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("--device cuda: the CUDA backend is not in this build")
        .hasMessageContaining("JAVA_HOME=/path/to/jdk-22+ ./mvnw -q -DskipTests package -pl app -am")
        .hasMessageContaining("docs/gpu.md");
    assertThat(TensorBackends.probeCuda().usable()).isFalse();
  }

  @Test
  void cpuIsAlwaysTheCpu() {
    BackendChoice cpu = with(LookupResult.missing("x")).open(Device.CPU);
    assertThat(cpu.backend()).isSameAs(CPU);
    assertThat(cpu.reason()).startsWith("--device cpu: nd4j-native cpu");
  }

  @Test
  void autoTakesAUsableGpuAndSaysWhich() {
    TensorBackend gpu = new Nd4jCpuBackend();
    BackendChoice choice = with(LookupResult.found(provider(
        BackendAvailability.usable("GPU 0: NVIDIA H200 (sm_90, 132 SMs, 139.8 GiB), packaged kernels", List.of()), gpu)))
        .open(Device.AUTO);
    assertThat(choice.backend()).isSameAs(gpu);
    assertThat(choice.device()).isEqualTo(Device.CUDA);
    assertThat(choice.reason()).isEqualTo("--device auto chose cuda: GPU 0: NVIDIA H200 (sm_90, 132 SMs, 139.8 GiB), packaged kernels");
  }

  @Test
  void autoFallsBackToTheCpuWithTheProbesReason() {
    BackendAvailability none = BackendAvailability.unusable("the CUDA driver sees no GPU", List.of("driver: libcuda.so.1, CUDA 13.0"));
    BackendChoice choice = with(LookupResult.found(provider(none, null))).open(Device.AUTO);
    assertThat(choice.device()).isEqualTo(Device.CPU);
    assertThat(choice.reason()).endsWith("because the CUDA driver sees no GPU");
    assertThatThrownBy(() -> with(LookupResult.found(provider(none, null))).open(Device.CUDA))
        .hasMessage("--device cuda: no usable GPU: the CUDA driver sees no GPU" + System.lineSeparator()
            + "  driver: libcuda.so.1, CUDA 13.0");
  }

  @Test
  void autoFallsBackWhenOpeningTheGpuFails() {
    BackendChoice choice = with(LookupResult.found(provider(BackendAvailability.usable("GPU 0: X", List.of()), null)))
        .open(Device.AUTO);
    assertThat(choice.device()).isEqualTo(Device.CPU);
    assertThat(choice.reason()).contains("because the GPU was found (GPU 0: X) but opening it failed: "
        + "cuDevicePrimaryCtxRetain failed: CUDA_ERROR_DEVICE_UNAVAILABLE (46)");
  }

  @Test
  void aClassThatIsNoProviderIsReported() {
    LookupResult found = TensorBackends.lookup(String.class.getName(), getClass().getClassLoader());
    assertThat(found.reason()).startsWith("the CUDA backend could not be loaded: ");
  }

  @Test
  void deviceFlagValues() {
    assertThat(Device.parse("CUDA")).isEqualTo(Device.CUDA);
    assertThat(Device.parse(" auto ")).isEqualTo(Device.AUTO);
    assertThat(Device.AUTO.flag()).isEqualTo("auto");
    assertThatThrownBy(() -> Device.parse("gpu")).hasMessage("--device takes cpu, cuda or auto, got 'gpu'");
  }
}
