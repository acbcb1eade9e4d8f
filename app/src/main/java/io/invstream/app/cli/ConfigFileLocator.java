package io.invstream.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds the properties file before picocli parses anything, because the file supplies defaults to
 * the very parse that would otherwise read {@code --config}.
 */
final class ConfigFileLocator {

  private ConfigFileLocator() {}

  /** The file named by {@code --config FILE}/{@code --config=FILE}, else {@code INVSTREAM_CONFIG}, else none. */
  static Path locate(String[] args, Map<String, String> environment) {
    String chosen = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        chosen = args[i + 1];
      } else if (args[i].startsWith("--config=")) {
        chosen = args[i].substring("--config=".length());
      }
    }
    if (chosen == null) {
      chosen = environment.get("INVSTREAM_CONFIG");
    }
    if (chosen == null) {
      return null;
    }
    Path path = Path.of(chosen);
    if (!Files.isReadable(path)) {
      throw new IllegalArgumentException("The properties file " + path.toAbsolutePath()
          + " (from --config or INVSTREAM_CONFIG) does not exist or cannot be read");
    }
    return path;
  }
}
