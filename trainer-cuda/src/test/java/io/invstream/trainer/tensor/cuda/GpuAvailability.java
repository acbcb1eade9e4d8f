package io.invstream.trainer.tensor.cuda;

import io.invstream.trainer.tensor.BackendAvailability;
import org.junit.jupiter.api.Assumptions;

/**
 * The GPU tests' gate: probes once per test JVM, and skips each test with the probe's reason where
 * no GPU is usable (CI has none). Each test is reported as skipped with the message, rather than
 * the whole class vanishing from the counts.
 */
final class GpuAvailability {

  private static BackendAvailability availability;

  private GpuAvailability() {}

  static synchronized BackendAvailability get() {
    if (availability == null) {
      availability = CudaBackend.probe();
    }
    return availability;
  }

  /** Skips the calling test unless a real GPU is usable (the tests' fake CUDA installation is not one). */
  static void assumeGpu() {
    BackendAvailability a = get();
    Assumptions.assumeTrue(a.usable(), () -> "no usable GPU, skipped (this test runs on a GPU machine): " + a.report());
    Assumptions.assumeFalse(a.summary().contains("Fake GPU"), "the fake CUDA installation of the tests is not a GPU");
  }
}
