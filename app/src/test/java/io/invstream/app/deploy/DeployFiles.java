package io.invstream.app.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** Reads the repository's deployment files (docker-compose.yml, deploy/) for the consistency tests. */
final class DeployFiles {

  private DeployFiles() {}

  /** The repository root: the nearest folder above the working directory holding docker-compose.yml. */
  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("No docker-compose.yml above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  /** A YAML (or JSON) file under the root as plain maps and lists. */
  static Map<String, Object> load(String relative) {
    try {
      return new Yaml().load(Files.readString(root().resolve(relative)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object node) {
    return (Map<String, Object>) node;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object node) {
    return (List<Object>) node;
  }
}
