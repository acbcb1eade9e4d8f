package io.invstream.trainer.tensor.cuda;

import io.invstream.trainer.tensor.TensorBackend;
import io.invstream.trainer.tensor.TensorBackendContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The backend contract for {@link CudaBackend} on {@link EmulatedAccelerator}: the real Java side
 * and the real CUDA C kernels, run on the host. Runs wherever g++ built the emulator; the same
 * contract on a GPU is {@link CudaBackendContractTest}.
 */
class EmulatedCudaBackendContractTest extends TensorBackendContractTest {

  private static CudaBackend backend;

  @BeforeAll
  static void open() {
    Assumptions.assumeTrue(EmulatedAccelerator.library().isPresent(),
        "the kernel emulator was not built (g++ missing); skipping the emulated CUDA backend contract");
    backend = new CudaBackend(EmulatedAccelerator.open());
  }

  @AfterAll
  static void close() {
    if (backend != null) {
      backend.close();
    }
  }

  @Override
  protected TensorBackend backend() {
    return backend;
  }
}
