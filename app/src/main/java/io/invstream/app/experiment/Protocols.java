package io.invstream.app.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the experiment's protocols from a properties file: the built-in
 * {@code protocols.properties} beside this class, or one given with {@code --protocols}. Its
 * comments document the keys.
 */
public final class Protocols {

  private static final String BUILT_IN = "protocols.properties";

  private Protocols() {}

  /** The protocols shipped with invstream. */
  public static List<DatasetProtocol> builtIn() throws IOException {
    try (InputStream in = Protocols.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IOException(BUILT_IN + " is missing from the classpath; the jar is incomplete");
      }
      Properties properties = new Properties();
      properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      return parse(properties, BUILT_IN);
    }
  }

  /** The protocols in {@code file}. */
  public static List<DatasetProtocol> read(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Properties properties = new Properties();
      properties.load(reader);
      return parse(properties, file.toString());
    }
  }

  static List<DatasetProtocol> parse(Properties properties, String source) {
    List<String> datasets = words(properties.getProperty("datasets"));
    if (datasets.isEmpty()) {
      throw new IllegalArgumentException(source + " lists no data set; add a line 'datasets = name ...'");
    }
    List<DatasetProtocol> out = new ArrayList<>();
    for (String dataset : datasets) {
      List<String> arguments = words(properties.getProperty(dataset + ".args"));
      if (arguments.isEmpty()) {
        throw new IllegalArgumentException(source + " has no '" + dataset + ".args' line with the replay arguments of "
            + dataset);
      }
      Map<String, List<String>> hyperparameters = new LinkedHashMap<>();
      String prefix = dataset + ".hp.";
      properties.stringPropertyNames().stream().filter(key -> key.startsWith(prefix)).sorted()
          .forEach(key -> hyperparameters.put(key.substring(prefix.length()), words(properties.getProperty(key))));
      out.add(new DatasetProtocol(dataset, arguments, hyperparameters, words(properties.getProperty(dataset + ".only")),
          words(properties.getProperty(dataset + ".exclude")), properties.getProperty(dataset + ".exclude.reason", ""),
          properties.getProperty(dataset + ".reference")));
    }
    return out;
  }

  private static List<String> words(String text) {
    return text == null || text.isBlank() ? List.of() : Arrays.asList(text.strip().split("\\s+"));
  }
}
