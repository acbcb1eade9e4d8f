package io.invstream.trainer.tensor;

/**
 * A backend that lives outside this module and is found at run time by class name (see {@link
 * TensorBackends}): the CUDA backend, whose module needs Java 22+ and is absent from Java 17
 * builds. Implementations have a public no-argument constructor that does no native work.
 */
public interface TensorBackendProvider {

  /** Short name, e.g. {@code cuda}. */
  String name();

  /** Whether the backend can be opened here, and why not; never throws. */
  BackendAvailability probe();

  /** Opens the backend (device context, libraries, kernels); throws with the reason on failure. */
  TensorBackend open();
}
