package io.invstream.trainer.tensor.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invstream.trainer.tensor.BackendAvailability;
import io.invstream.trainer.tensor.BackendChoice;
import io.invstream.trainer.tensor.Device;
import io.invstream.trainer.tensor.TensorBackends;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * On a machine without the CUDA driver (this project's development machines and CI): the probe
 * says why without throwing, {@code --device auto} takes the CPU and says why, {@code --device
 * cuda} refuses with the same reason.
 */
class CudaProbeTest {

  private static void assumeNoDriver() {
    Assumptions.assumeTrue(Dl.openError("libcuda.so.1").isPresent() && System.getenv("INVSTREAM_CUDA_LIBS") == null
        && System.getenv("CUDA_HOME") == null, "a CUDA driver may be reachable here");
  }

  @Test
  void probeWithoutADriverListsWhatItTried() {
    assumeNoDriver();
    BackendAvailability a = CudaBackend.probe();
    assertThat(a.usable()).isFalse();
    assertThat(a.summary()).startsWith("no CUDA driver: the CUDA driver (libcuda.so.1) was not found: searched INVSTREAM_CUDA_LIBS")
        .contains("set INVSTREAM_CUDA_LIBS");
    assertThat(a.details()).contains("/usr/local/cuda/lib64/libcuda.so.1: not present")
        .anySatisfy(d -> assertThat(d).startsWith("libcuda.so.1: ").contains("libcuda.so.1"));
  }

  @Test
  void autoChoosesTheCpuAndSaysWhy() {
    assumeNoDriver();
    try (BackendChoice choice = TensorBackends.choose(Device.AUTO)) {
      assertThat(choice.device()).isEqualTo(Device.CPU);
      assertThat(choice.reason()).startsWith("--device auto chose cpu (nd4j-native cpu")
          .contains("because no CUDA driver: the CUDA driver (libcuda.so.1) was not found");
    }
  }

  @Test
  void cudaRefusesWithTheReason() {
    assumeNoDriver();
    assertThatThrownBy(() -> TensorBackends.choose(Device.CUDA)).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("--device cuda: no usable GPU: no CUDA driver")
        .hasMessageContaining("/usr/local/nvidia/lib64/libcuda.so.1: not present");
  }

  @Test
  void theProviderIsFoundByClassName() {
    assertThat(new CudaBackendProvider().name()).isEqualTo("cuda");
    assertThat(TensorBackends.CUDA_PROVIDER).isEqualTo(CudaBackendProvider.class.getName());
  }
}
