package io.invstream.trainer.bench;

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
    out.append(String.format(Locale.ROOT, "%-14s %10s %10s %10s %8s%n", "algorithm", "ms/step", "× ERM", "GFLOP/s", "% peak"));
    for (BenchmarkRow r : rows) {
      out.append(String.format(Locale.ROOT, "%-14s %10.3f %10.2f %10.1f %8.1f%n",
          r.algorithm(), r.msPerStep(), r.ratioToErm(), r.gflops(), 100 * r.fractionOfPeak()));
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
              "{\"msPerStep\":%.4f,\"ratioToErm\":%.4f,\"gflops\":%.2f,\"fractionOfPeak\":%.4f}",
              r.msPerStep(), r.ratioToErm(), r.gflops(), r.fractionOfPeak()));
    }
    return out.append("}}").toString();
  }

  private static String quote(String s) {
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
