package io.invstream.trainer.bench;

import java.util.Locale;

/**
 * A non-CPU device's benchmark next to the CPU's figures for the same configuration: per
 * algorithm the CPU and device step times, the speed-up, and the device's GEMM throughput through
 * the seam as a fraction of its library's own on the step's shapes.
 */
record DeviceComparison(String device, BenchmarkResult result, CpuBaseline cpu) {

  String toTable() {
    StringBuilder out = new StringBuilder();
    out.append("side by side: ").append(device).append(" (").append(result.backend()).append(")\n")
        .append("          cpu: ").append(cpu.backend()).append(", ").append(cpu.source()).append('\n');
    out.append(String.format(Locale.ROOT, "%-14s %12s %12s %9s %9s%n", "algorithm", "cpu ms/step", device + " ms/step",
        "speed-up", "% lib"));
    for (BenchmarkRow r : result.rows()) {
      Double cpuMs = cpu.msPerStep().get(r.algorithm());
      out.append(String.format(Locale.ROOT, "%-14s %12s %12.3f %9s %9s%n", r.algorithm(),
          cpuMs == null ? "-" : String.format(Locale.ROOT, "%.3f", cpuMs), r.msPerStep(),
          cpuMs == null ? "-" : String.format(Locale.ROOT, "%.1f×", cpuMs / r.msPerStep()),
          r.gemmReplay() == null ? "-" : String.format(Locale.ROOT, "%.1f", 100 * r.gemmReplay().fractionOfLibrary())));
    }
    return out.toString();
  }

  /**
   * One line: {@code {"benchmark":"trainer-devices","device":…,"cpuSource":…,"algorithms":{"erm":
   * {"cpuMsPerStep":…,"deviceMsPerStep":…,"speedup":…,"gemmFractionOfLibrary":…},…}}}; absent
   * figures are {@code null}.
   */
  String toJson() {
    StringBuilder out = new StringBuilder("{\"benchmark\":\"trainer-devices\"");
    out.append(",\"device\":").append(BenchmarkResult.quote(device));
    out.append(",\"deviceBackend\":").append(BenchmarkResult.quote(result.backend()));
    out.append(",\"cpuBackend\":").append(BenchmarkResult.quote(cpu.backend()));
    out.append(",\"cpuSource\":").append(BenchmarkResult.quote(cpu.source()));
    out.append(",\"algorithms\":{");
    for (int i = 0; i < result.rows().size(); i++) {
      BenchmarkRow r = result.rows().get(i);
      Double cpuMs = cpu.msPerStep().get(r.algorithm());
      out.append(i == 0 ? "" : ",").append(BenchmarkResult.quote(r.algorithm())).append(':')
          .append(String.format(Locale.ROOT, "{\"cpuMsPerStep\":%s,\"deviceMsPerStep\":%.4f,\"speedup\":%s,\"gemmFractionOfLibrary\":%s}",
              cpuMs == null ? "null" : String.format(Locale.ROOT, "%.4f", cpuMs), r.msPerStep(),
              cpuMs == null ? "null" : String.format(Locale.ROOT, "%.2f", cpuMs / r.msPerStep()),
              r.gemmReplay() == null ? "null" : String.format(Locale.ROOT, "%.4f", r.gemmReplay().fractionOfLibrary())));
    }
    return out.append("}}").toString();
  }
}
