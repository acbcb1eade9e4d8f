package io.invstream.app.replay;

import io.invstream.schemas.Example;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Examples read for a replay, before held-out environments are chosen.
 *
 * @param name the built-in data set's name or the file's name, for reports
 * @param environments examples per environment, in the data's order
 * @param defaultTestEnvironments environments held out when {@code --test-env} is not given
 * @param classes classes the labels use; 0 when the data does not say (files)
 * @param imageShape {@code CxHxW} for the CNN when the data is images, else {@code null}
 * @param rejected the first few rows the reader refused, each message starting with where the row is
 * @param rejectedCount how many rows the reader refused
 */
public record LoadedData(String name, Map<String, List<Example>> environments, List<String> defaultTestEnvironments,
    int classes, String imageShape, List<String> rejected, long rejectedCount) {

  public LoadedData {
    Map<String, List<Example>> copy = new LinkedHashMap<>();
    environments.forEach((environment, examples) -> copy.put(environment, List.copyOf(examples)));
    environments = Collections.unmodifiableMap(copy);
    defaultTestEnvironments = List.copyOf(defaultTestEnvironments);
    rejected = List.copyOf(rejected);
  }

  /** Features per example (the first example's). */
  public int featureCount() {
    return environments.values().stream().flatMap(List::stream).findFirst()
        .map(example -> example.getFeatures().remaining() / Float.BYTES)
        .orElseThrow(() -> new IllegalArgumentException(name + " holds no usable example"));
  }
}
