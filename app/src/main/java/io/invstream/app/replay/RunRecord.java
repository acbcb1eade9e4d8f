package io.invstream.app.replay;

import io.invstream.core.json.Json;
import io.invstream.trainer.replay.Checkpoint;
import io.invstream.trainer.replay.ReplayResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One replay as a file: the arguments that reproduce it ({@code invstream replay <arguments>}), its
 * summary, and its curve (every evaluated step). The experiment report is built from these files,
 * so runs can be made separately (or on other machines) and collected.
 */
public final class RunRecord {

  private RunRecord() {}

  /** The record of a replay as a JSON-ready map. */
  public static Map<String, Object> of(List<String> arguments, Map<String, Object> summary, ReplayResult result) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("arguments", arguments);
    out.put("summary", summary);
    List<Object> history = new ArrayList<>();
    for (Checkpoint checkpoint : result.history()) {
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("step", checkpoint.step());
      point.put("validation", checkpoint.validation());
      point.put("heldOut", checkpoint.heldOut());
      point.put("prequential", checkpoint.prequential());
      history.add(point);
    }
    out.put("history", history);
    return out;
  }

  /** Writes {@code record} to {@code file} (one line of JSON), creating the parent folders. */
  public static void write(Path file, Map<String, Object> record) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Files.writeString(file, Json.write(record) + "\n", StandardCharsets.UTF_8);
  }
}
