package io.invstream.trainer.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU figures for the side-by-side comparison: measured in this process, or read from the JSON line
 * an earlier {@code bench trainer --json} run printed (for builds without the CPU backend's
 * natives, such as the GPU device-check bundle, which compares with figures measured on the
 * project's 2-core machine).
 *
 * @param source where the figures come from, e.g. {@code "measured in this run"}
 * @param backend the CPU backend's description
 * @param msPerStep per algorithm
 */
record CpuBaseline(String source, String backend, Map<String, Double> msPerStep) {

  private static final Pattern ROW = Pattern.compile("\"([A-Za-z0-9_.-]+)\":\\{\"msPerStep\":([-+0-9.eE]+)");
  private static final Pattern BACKEND = Pattern.compile("\"backend\":\"((?:[^\"\\\\]|\\\\.)*)\"");

  static CpuBaseline measured(BenchmarkResult result) {
    Map<String, Double> ms = new LinkedHashMap<>();
    result.rows().forEach(r -> ms.put(r.algorithm(), r.msPerStep()));
    return new CpuBaseline("measured in this run", result.backend(), ms);
  }

  /** Reads the last {@code {"benchmark":"trainer"…}} line of {@code file}. */
  static CpuBaseline read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CPU baseline " + file + ": " + e.getMessage(), e);
    }
    String json = lines.stream().filter(l -> l.startsWith("{\"benchmark\":\"trainer\"")).reduce((a, b) -> b)
        .orElseThrow(() -> new IllegalArgumentException(
            "the CPU baseline " + file + " holds no line starting {\"benchmark\":\"trainer\" (write one with bench trainer --json)"));
    Map<String, Double> ms = new LinkedHashMap<>();
    Matcher m = ROW.matcher(json);
    while (m.find()) {
      ms.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    Matcher b = BACKEND.matcher(json);
    return new CpuBaseline("baseline " + file, b.find() ? b.group(1) : "unknown", ms);
  }
}
