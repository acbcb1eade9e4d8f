package io.invstream.trainer.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON reader for the conformance fixtures under {@code src/test/resources/reference/}
 * written by {@code src/test/python/reference_*.py}: objects become {@code Map<String, Object>},
 * arrays {@code List<Object>}, numbers {@code Double}, plus strings, booleans and null. Enough
 * for files this project writes itself; not a general-purpose parser (no \\u escapes beyond the
 * basic ones are needed there).
 */
public final class FixtureJson {

  private final String text;
  private int pos;

  private FixtureJson(String text) {
    this.text = text;
  }

  /** Parses the classpath resource {@code /reference/<name>}. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> load(String name) {
    try (InputStream in = FixtureJson.class.getResourceAsStream("/reference/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no fixture /reference/" + name + "; generate it with src/test/python/reference_*.py");
      }
      FixtureJson parser = new FixtureJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      Object value = parser.value();
      parser.skipSpace();
      if (parser.pos != parser.text.length()) {
        throw parser.error("trailing characters");
      }
      return (Map<String, Object>) value;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code object.get(key)} as a map. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(Map<String, Object> object, String key) {
    return (Map<String, Object>) require(object, key);
  }

  /** {@code object.get(key)} as a list. */
  @SuppressWarnings("unchecked")
  public static List<Object> list(Map<String, Object> object, String key) {
    return (List<Object>) require(object, key);
  }

  /** {@code object.get(key)} as a number. */
  public static double number(Map<String, Object> object, String key) {
    return (Double) require(object, key);
  }

  /** A list of numbers as floats, or {@code null} for JSON null. */
  public static float[] floats(Object list) {
    if (list == null) {
      return null;
    }
    List<?> values = (List<?>) list;
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (double) (Double) values.get(i);
    }
    return out;
  }

  /** A list of numbers as doubles. */
  public static double[] doubles(Object list) {
    List<?> values = (List<?>) list;
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (Double) values.get(i);
    }
    return out;
  }

  /** A list of numbers as ints. */
  public static int[] ints(Object list) {
    double[] d = doubles(list);
    int[] out = new int[d.length];
    for (int i = 0; i < d.length; i++) {
      out[i] = (int) d[i];
    }
    return out;
  }

  private static Object require(Map<String, Object> object, String key) {
    if (!object.containsKey(key)) {
      throw new IllegalArgumentException("fixture has no '" + key + "'; keys: " + object.keySet());
    }
    return object.get(key);
  }

  private Object value() {
    skipSpace();
    char c = text.charAt(pos);
    if (c == '{') {
      return object();
    } else if (c == '[') {
      return array();
    } else if (c == '"') {
      return string();
    } else if (text.startsWith("true", pos)) {
      pos += 4;
      return Boolean.TRUE;
    } else if (text.startsWith("false", pos)) {
      pos += 5;
      return Boolean.FALSE;
    } else if (text.startsWith("null", pos)) {
      pos += 4;
      return null;
    }
    return number();
  }

  private Map<String, Object> object() {
    Map<String, Object> out = new LinkedHashMap<>();
    pos++;
    skipSpace();
    if (text.charAt(pos) == '}') {
      pos++;
      return out;
    }
    while (true) {
      skipSpace();
      String key = string();
      skipSpace();
      expect(':');
      out.put(key, value());
      skipSpace();
      if (text.charAt(pos) == ',') {
        pos++;
      } else {
        expect('}');
        return out;
      }
    }
  }

  private List<Object> array() {
    List<Object> out = new ArrayList<>();
    pos++;
    skipSpace();
    if (text.charAt(pos) == ']') {
      pos++;
      return out;
    }
    while (true) {
      out.add(value());
      skipSpace();
      if (text.charAt(pos) == ',') {
        pos++;
      } else {
        expect(']');
        return out;
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (text.charAt(pos) != '"') {
      char c = text.charAt(pos++);
      if (c == '\\') {
        char e = text.charAt(pos++);
        out.append(switch (e) {
          case 'n' -> '\n';
          case 't' -> '\t';
          default -> e;
        });
      } else {
        out.append(c);
      }
    }
    pos++;
    return out.toString();
  }

  private Double number() {
    int start = pos;
    while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    if (start == pos) {
      throw error("unexpected character '" + text.charAt(pos) + "'");
    }
    return Double.parseDouble(text.substring(start, pos));
  }

  private void expect(char c) {
    if (text.charAt(pos) != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("fixture JSON: " + what + " at offset " + pos);
  }
}
