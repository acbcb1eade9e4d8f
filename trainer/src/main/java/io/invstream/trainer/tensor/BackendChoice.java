package io.invstream.trainer.tensor;

/**
 * The backend {@link TensorBackends#choose} opened, the device it runs on and why it was chosen.
 * Closing it releases the backend's native resources where it has any (device memory of the CUDA
 * backend); tensors of a closed backend must not be used.
 *
 * @param backend the opened backend
 * @param device {@link Device#CPU} or {@link Device#CUDA}, never {@link Device#AUTO}
 * @param reason one line for the user, e.g. {@code "--device auto chose cuda: NVIDIA H200 …"}
 */
public record BackendChoice(TensorBackend backend, Device device, String reason) implements AutoCloseable {

  @Override
  public void close() {
    if (backend instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("closing the " + device.flag() + " backend failed: " + e.getMessage(), e);
      }
    }
  }
}
