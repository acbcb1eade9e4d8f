package io.invstream.trainer.tensor.cuda;

import io.invstream.trainer.tensor.BackendAvailability;

/**
 * {@code java -cp … io.invstream.trainer.tensor.cuda.CudaInfo}: prints what the CUDA backend's
 * probe finds (device, driver, libraries and where they were found, kernels; or why the GPU is not
 * usable, with every path tried). With {@code --open} it also opens the backend and prints its
 * description. Exit status 0 when usable, 1 otherwise.
 */
public final class CudaInfo {

  private CudaInfo() {}

  public static void main(String[] args) {
    BackendAvailability availability = CudaBackend.probe();
    System.out.println((availability.usable() ? "usable: " : "not usable: ") + availability.report());
    if (availability.usable() && args.length > 0 && args[0].equals("--open")) {
      try (CudaBackend backend = CudaBackend.open()) {
        System.out.println("opened: " + backend.description());
      }
    }
    System.exit(availability.usable() ? 0 : 1);
  }
}
