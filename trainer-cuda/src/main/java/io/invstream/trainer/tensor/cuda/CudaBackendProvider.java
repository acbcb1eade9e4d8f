package io.invstream.trainer.tensor.cuda;

import io.invstream.trainer.tensor.BackendAvailability;
import io.invstream.trainer.tensor.TensorBackend;
import io.invstream.trainer.tensor.TensorBackendProvider;

/**
 * The entry point {@link io.invstream.trainer.tensor.TensorBackends} finds by class name when
 * {@code --device cuda} or {@code auto} is given. Constructing it does no native work.
 */
public final class CudaBackendProvider implements TensorBackendProvider {

  @Override
  public String name() {
    return "cuda";
  }

  @Override
  public BackendAvailability probe() {
    return CudaBackend.probe();
  }

  @Override
  public TensorBackend open() {
    return CudaBackend.open();
  }
}
