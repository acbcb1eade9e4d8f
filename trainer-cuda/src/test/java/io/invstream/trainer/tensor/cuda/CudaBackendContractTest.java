package io.invstream.trainer.tensor.cuda;

import io.invstream.trainer.tensor.TensorBackend;
import io.invstream.trainer.tensor.TensorBackendContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The backend contract on a real GPU. Each test skips, saying why, where {@link CudaBackend#probe()}
 * finds no usable GPU (no driver, no device, no cuBLAS, no kernels), as on CI.
 */
class CudaBackendContractTest extends TensorBackendContractTest {

  private static CudaBackend backend;

  @BeforeEach
  void open() {
    GpuAvailability.assumeGpu();
    if (backend == null) {
      backend = CudaBackend.open();
    }
  }

  @AfterAll
  static void close() {
    if (backend != null) {
      backend.close();
      backend = null;
    }
  }

  @Override
  protected TensorBackend backend() {
    return backend;
  }
}
