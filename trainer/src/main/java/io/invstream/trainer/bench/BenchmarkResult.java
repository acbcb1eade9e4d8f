package io.invstream.trainer.bench;

import io.invstream.trainer.tensor.GemmProfiling.GemmTiming;
import java.util.List;
import java.util.Locale;

/** Rows of one benchmark run, renderable as a text table or one line of JSON. */
public record BenchmarkResult(BenchmarkConfig config, String backend, List<BenchmarkRow> rows) {

  /** Copies the rows. */
  public BenchmarkResult {
    rows = List.copyOf(rows);
  }

  /** A fixed-width table with a header line describing the run. */
  public String toTable() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "trainer step: %s, %s, %d environments × %d examples, %d warm-up + %d timed steps, seed %d%n",
        config.model().describe(), config.optimizer().name(), config.environments(), config.examplesPerEnvironment(),
        config.warmup(), config.iterations(), config.seed()));
    out.append("backend: ").append(backend).append('\n');
    out.append(String.format(Locale.ROOT, "FP32 peak estimate: %.1f GFLOP/s (%d cores × %.2f GFLOP/s)%n",
        config.peak().gflops(), config.peak().cores(), config.peak().gflopsPerCore()));
    boolean replay = rows.stream().anyMatch(r -> r.gemmReplay() != null);
    out.append(String.format(Locale.ROOT, "%-14s %10s %10s %10s %8s", "algorithm", "ms/step", "× ERM", "GFLOP/s", "% peak"));
    out.append(replay ? String.format(Locale.ROOT, " %12s %12s %8s%n", "GEMM GF/s", "library GF/s", "% lib") : "\n");
    for (BenchmarkRow r : rows) {
      out.append(String.format(Locale.ROOT, "%-14s %10.3f %10.2f %10.1f %8.1f",
          r.algorithm(), r.msPerStep(), r.ratioToErm(), r.gflops(), 100 * r.fractionOfPeak()));
      GemmTiming g = r.gemmReplay();
      out.append(g == null ? "\n" : String.format(Locale.ROOT, " %12.1f %12.1f %8.1f%n",
          g.seamGflops(), g.libraryGflops(), 100 * g.fractionOfLibrary()));
    }
    if (replay) {
      out.append("GEMM GF/s: the step's GEMM shapes replayed through TensorBackend.gemm; library GF/s: the same shapes\n"
          + "called directly (").append(rows.stream().filter(r -> r.gemmReplay() != null).findFirst().orElseThrow()
          .gemmReplay().library()).append(").\n");
    }
    return out.toString();
  }

  /**
   * One line: {@code {"benchmark":"trainer", …, "peakGflops":…, "algorithms":{"erm":{"msPerStep":…,
   * "ratioToErm":…, "gflops":…, "fractionOfPeak":…}, …}}}.
   */
  public String toJson() {
    StringBuilder out = new StringBuilder("{\"benchmark\":\"trainer\"");
    out.append(",\"backend\":").append(quote(backend));
    out.append(",\"model\":").append(quote(config.model().describe()));
    out.append(",\"optimizer\":").append(quote(config.optimizer().name()));
    out.append(",\"optimizerSettings\":").append(quote(config.optimizer().toString()));
    out.append(",\"environments\":").append(config.environments());
    out.append(",\"examplesPerEnvironment\":").append(config.examplesPerEnvironment());
    out.append(",\"warmup\":").append(config.warmup());
    out.append(",\"iterations\":").append(config.iterations());
    out.append(",\"seed\":").append(config.seed());
    out.append(String.format(Locale.ROOT, ",\"cores\":%d,\"gflopsPerCore\":%.2f,\"peakGflops\":%.2f",
        config.peak().cores(), config.peak().gflopsPerCore(), config.peak().gflops()));
    out.append(",\"algorithms\":{");
    for (int i = 0; i < rows.size(); i++) {
      BenchmarkRow r = rows.get(i);
      out.append(i == 0 ? "" : ",").append(quote(r.algorithm())).append(':')
          .append(String.format(Locale.ROOT,
              "{\"msPerStep\":%.4f,\"ratioToErm\":%.4f,\"gflops\":%.2f,\"fractionOfPeak\":%.4f",
              r.msPerStep(), r.ratioToErm(), r.gflops(), r.fractionOfPeak()));
      GemmTiming g = r.gemmReplay();
      if (g != null) {
        out.append(String.format(Locale.ROOT,
            ",\"gemmReplay\":{\"seamGflops\":%.2f,\"libraryGflops\":%.2f,\"fractionOfLibrary\":%.4f,\"library\":%s}",
            g.seamGflops(), g.libraryGflops(), g.fractionOfLibrary(), quote(g.library())));
      }
      out.append('}');
    }
    return out.append("}}").toString();
  }

  static String quote(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        default -> {
          if (c < 0x20) {
            q.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            q.append(c);
          }
        }
      }
    }
    return q.append('"').toString();
  }
}
