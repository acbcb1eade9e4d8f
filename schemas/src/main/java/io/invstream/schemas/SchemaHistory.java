package io.invstream.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every schema version this code base has ever published, so that messages written by older
 * producers (or stored on compacted topics for months) stay readable.
 *
 * <p>The list lives in {@code io/invstream/schemas/history/index.txt}: one {@code .avsc} file name
 * per line, each file holding one earlier version of a record. When a schema changes, copy its
 * previous text there before editing it; new fields need defaults so old data resolves.
 */
public final class SchemaHistory {

  private static final String ROOT = "/io/invstream/schemas/history/";

  private SchemaHistory() {}

  /** Earlier versions of the record named {@code fullName}, oldest first. */
  public static List<Schema> olderVersionsOf(String fullName) {
    List<Schema> versions = new ArrayList<>();
    for (String file : index()) {
      Schema schema = parse(file);
      if (schema.getFullName().equals(fullName)) {
        versions.add(schema);
      }
    }
    return versions;
  }

  private static List<String> index() {
    String text = read("index.txt");
    List<String> files = new ArrayList<>();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        files.add(trimmed);
      }
    }
    return files;
  }

  private static Schema parse(String file) {
    // A fresh parser per file: historical versions may redefine the same named types.
    return new Schema.Parser().parse(read(file));
  }

  private static String read(String file) {
    try (InputStream in = SchemaHistory.class.getResourceAsStream(ROOT + file)) {
      if (in == null) {
        throw new IllegalStateException("Schema history file " + ROOT + file + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
