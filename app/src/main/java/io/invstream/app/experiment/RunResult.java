package io.invstream.app.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A finished run as read back from its record file ({@link io.invstream.app.replay.RunRecord}).
 *
 * @param run what was planned
 * @param summary the replay's JSON summary
 * @param history the evaluated steps: {@code step}, {@code validation}, {@code heldOut}, {@code prequential}
 */
public record RunResult(PlannedRun run, Map<String, Object> summary, List<Map<String, Object>> history) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The record in {@code file} if it was made with exactly the run's arguments, else {@code null}
   * (the run must be made again).
   */
  @SuppressWarnings("unchecked")
  public static RunResult readIfCurrent(PlannedRun run, Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    Map<String, Object> record = JSON.readValue(file.toFile(), Map.class);
    if (!run.arguments().equals(record.get("arguments"))) {
      return null;
    }
    return new RunResult(run, (Map<String, Object>) record.get("summary"),
        (List<Map<String, Object>>) record.get("history"));
  }

  /** Test accuracy of the model after the last step. */
  public double lastTest() {
    return number(part("last").get("testAccuracy"));
  }

  /** Test accuracy of the model training-domain validation selected. */
  public double selectedTest() {
    return number(part("selected").get("testAccuracy"));
  }

  /** The step training-domain validation selected. */
  public long selectedStep() {
    return (long) number(part("selected").get("step"));
  }

  /** Lowest accuracy over validation splits and held-out environments, of the selected model. */
  public double selectedWorst() {
    return number(part("selected").get("worstEnvAccuracy"));
  }

  /** Test accuracy of the test-domain (oracle) choice. */
  public double oracleTest() {
    return number(part("oracle").get("testAccuracy"));
  }

  /** Training-part accuracy per environment, of the model after the last step. */
  public Map<String, Double> lastTrain() {
    return accuracies(part("last").get("trainAccuracy"));
  }

  /** The algorithm's hyperparameters as recorded ({@code hp.} keys, without the prefix). */
  public Map<String, String> hyperparameters() {
    Map<String, String> out = new TreeMap<>();
    part("hyperparameters").forEach((key, value) -> {
      if (key.startsWith("hp.")) {
        out.put(key.substring(3), String.valueOf(value));
      }
    });
    return out;
  }

  /** The recorded provenance entry {@code key} (model, optimiser settings). */
  public String provenance(String key) {
    return String.valueOf(part("hyperparameters").get(key));
  }

  /** Accuracy of one curve ({@code validation} or {@code heldOut}) per environment, per evaluated step. */
  public Map<String, Map<Long, Double>> curves(String kind) {
    Map<String, Map<Long, Double>> out = new LinkedHashMap<>();
    for (Map<String, Object> point : history) {
      long step = (long) number(point.get("step"));
      accuracies(point.get(kind)).forEach((environment, accuracy) ->
          out.computeIfAbsent(environment, e -> new LinkedHashMap<>()).put(step, accuracy));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> part(String name) {
    return (Map<String, Object>) summary.get(name);
  }

  private static Map<String, Double> accuracies(Object map) {
    Map<String, Double> out = new LinkedHashMap<>();
    ((Map<?, ?>) map).forEach((key, value) -> out.put(String.valueOf(key), number(value)));
    return out;
  }

  private static double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
