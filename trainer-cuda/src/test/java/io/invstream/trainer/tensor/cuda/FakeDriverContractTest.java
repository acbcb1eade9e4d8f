package io.invstream.trainer.tensor.cuda;

import io.invstream.trainer.tensor.TensorBackend;
import io.invstream.trainer.tensor.TensorBackendContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The backend contract through the backend's real driver path ({@link CudaBackend#open()}: the
 * FFM bindings of the driver and cuBLAS, module loading, launches, transfers, the result block)
 * against the fake CUDA installation. A GPU is not involved; see {@link CudaBackendContractTest}.
 */
class FakeDriverContractTest extends TensorBackendContractTest {

  private static CudaBackend backend;

  @BeforeEach
  void open() {
    FakeDriver.assumeFake();
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
