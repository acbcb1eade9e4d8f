package io.invstream.trainer.replay;

import io.invstream.schemas.Example;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The examples a replay runs over, grouped by environment, and which environments are held out.
 * Held-out environments are evaluated on all their examples and never trained on.
 *
 * @param environments examples per environment, in a fixed order (the order environments appear in
 *     batches and reports)
 * @param heldOut names of held-out environments; each must be a key of {@code environments}
 */
public record ReplayData(Map<String, List<Example>> environments, Set<String> heldOut) {

  /** Copies, and checks that every held-out environment exists and at least one is left to train on. */
  public ReplayData {
    Map<String, List<Example>> copy = new LinkedHashMap<>();
    environments.forEach((name, examples) -> copy.put(name, List.copyOf(examples)));
    environments = Collections.unmodifiableMap(copy);
    heldOut = Set.copyOf(heldOut);
    for (String name : heldOut) {
      if (!environments.containsKey(name)) {
        throw new IllegalArgumentException("Held-out environment '" + name + "' is not in the data; its environments are "
            + environments.keySet());
      }
    }
    for (Map.Entry<String, List<Example>> entry : environments.entrySet()) {
      if (entry.getValue().isEmpty()) {
        throw new IllegalArgumentException("Environment '" + entry.getKey() + "' has no examples");
      }
    }
    if (heldOut.containsAll(environments.keySet())) {
      throw new IllegalArgumentException("Every environment " + environments.keySet()
          + " is held out, so there is nothing to train on; hold out fewer with --test-env");
    }
  }

  /** Environments that are trained on, in data order. */
  public List<String> trainingEnvironments() {
    List<String> out = new ArrayList<>();
    for (String name : environments.keySet()) {
      if (!heldOut.contains(name)) {
        out.add(name);
      }
    }
    return out;
  }

  /** Held-out environments, in data order. */
  public List<String> heldOutEnvironments() {
    List<String> out = new ArrayList<>();
    for (String name : environments.keySet()) {
      if (heldOut.contains(name)) {
        out.add(name);
      }
    }
    return out;
  }

  /** The examples of one environment. */
  public List<Example> examples(String environment) {
    List<Example> examples = environments.get(environment);
    if (examples == null) {
      throw new IllegalArgumentException("Unknown environment '" + environment + "'; known: " + environments.keySet());
    }
    return examples;
  }
}
