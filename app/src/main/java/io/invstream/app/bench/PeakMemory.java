package io.invstream.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's peak resident set size, as the Linux kernel records it ({@code VmHWM} in {@code /proc/self/status}). */
final class PeakMemory {

  private PeakMemory() {}

  /** Peak RSS in MiB, or -1 where {@code /proc} is not available. */
  static double peakRssMib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
