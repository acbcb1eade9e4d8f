package io.invstream.trainer.tensor;

import java.util.List;

/**
 * What a backend's probe found, without throwing: whether the backend can be opened here, a
 * one-line summary (the device it would use, or why it cannot), and the details behind it (each
 * library tried, driver and device properties).
 *
 * @param usable true when {@link TensorBackendProvider#open()} is expected to succeed
 * @param summary e.g. {@code "NVIDIA H200 (sm_90, 132 SMs, 139.8 GiB), driver 13.0, cuBLAS 13.0"}
 *     or {@code "no CUDA driver: libcuda.so.1 not found (tried …)"}
 * @param details further lines, e.g. every path tried
 */
public record BackendAvailability(boolean usable, String summary, List<String> details) {

  /** Copies the details. */
  public BackendAvailability {
    details = List.copyOf(details);
  }

  /** A usable backend. */
  public static BackendAvailability usable(String summary, List<String> details) {
    return new BackendAvailability(true, summary, details);
  }

  /** An unusable backend and why. */
  public static BackendAvailability unusable(String reason, List<String> details) {
    return new BackendAvailability(false, reason, details);
  }

  /** The summary followed by the details, one per line. */
  public String report() {
    StringBuilder out = new StringBuilder(summary);
    for (String d : details) {
      out.append(System.lineSeparator()).append("  ").append(d);
    }
    return out.toString();
  }
}
