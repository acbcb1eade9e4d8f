package io.invstream.trainer.tensor.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named results of running cases on one backend (arrays of floats, and scalars as one-element
 * arrays), comparable across backends and storable as a text fixture: one line per entry, {@code
 * name<TAB>count<TAB>base64 of little-endian float32} (scalars are kept in float64 as text).
 *
 * <p>Comparison, per entry: {@code ‖a − b‖₂ ≤ tolerance · max(‖b‖₂, floor)}: relative in the norm
 * (METHOD.md's measure), with a floor so that entries that are zero on one side compare absolutely.
 */
final class Outputs {

  private final Map<String, float[]> arrays = new LinkedHashMap<>();
  private final Map<String, Double> scalars = new LinkedHashMap<>();

  void put(String name, float[] values) {
    arrays.put(name, values.clone());
  }

  void put(String name, double value) {
    scalars.put(name, value);
  }

  Map<String, float[]> arrays() {
    return arrays;
  }

  Map<String, Double> scalars() {
    return scalars;
  }

  /** Asserts that every entry of {@code expected} is here and within {@code tolerance} of it. */
  void assertAgreesWith(Outputs expected, double tolerance, double floor, String what) {
    assertThat(arrays.keySet()).as("%s: array entries", what).containsExactlyElementsOf(expected.arrays.keySet());
    assertThat(scalars.keySet()).as("%s: scalar entries", what).containsExactlyElementsOf(expected.scalars.keySet());
    List<String> failures = new ArrayList<>();
    expected.arrays.forEach((name, want) -> {
      float[] got = arrays.get(name);
      if (got.length != want.length) {
        failures.add(name + ": " + got.length + " values, expected " + want.length);
        return;
      }
      double diff = 0;
      double norm = 0;
      for (int i = 0; i < want.length; i++) {
        diff += Math.pow((double) got[i] - want[i], 2);
        norm += Math.pow(want[i], 2);
      }
      check(failures, name, Math.sqrt(diff), Math.sqrt(norm), tolerance, floor);
    });
    expected.scalars.forEach((name, want) -> check(failures, name, Math.abs(scalars.get(name) - want), Math.abs(want),
        tolerance, floor));
    assertThat(failures).as("%s: entries beyond %s relative (floor %s)", what, tolerance, floor).isEmpty();
  }

  private static void check(List<String> failures, String name, double diff, double norm, double tolerance, double floor) {
    if (!(diff <= tolerance * Math.max(norm, floor))) {
      failures.add(String.format(java.util.Locale.ROOT, "%s: |difference| %.3g, |expected| %.3g (relative %.3g)", name, diff,
          norm, diff / Math.max(norm, floor)));
    }
  }

  void write(Path file, String header) {
    StringBuilder out = new StringBuilder();
    for (String line : header.split("\n")) {
      out.append("# ").append(line).append('\n');
    }
    arrays.forEach((name, v) -> {
      ByteBuffer bytes = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
      for (float f : v) {
        bytes.putFloat(f);
      }
      out.append(name).append('\t').append(v.length).append('\t')
          .append(Base64.getEncoder().encodeToString(bytes.array())).append('\n');
    });
    scalars.forEach((name, v) -> out.append(name).append("\tscalar\t").append(v).append('\n'));
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, out.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Outputs read(String resource) {
    try (InputStream in = Outputs.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("fixture " + resource + " is missing");
      }
      Outputs o = new Outputs();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        if (f[1].equals("scalar")) {
          o.put(f[0], Double.parseDouble(f[2]));
          continue;
        }
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(f.length > 2 ? f[2] : "")).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[Integer.parseInt(f[1])];
        for (int i = 0; i < v.length; i++) {
          v[i] = bytes.getFloat();
        }
        o.put(f[0], v);
      }
      return o;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
