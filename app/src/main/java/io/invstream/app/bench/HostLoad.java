package io.invstream.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The host's one-minute load average, printed with the figures: on a shared machine it explains much of their spread. */
final class HostLoad {

  private HostLoad() {}

  /** {@code /proc/loadavg}'s first field, or NaN where it is not available. */
  static double oneMinute() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
