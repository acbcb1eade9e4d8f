package io.invstream.app.experiment;

import java.util.List;
import java.util.Map;

/**
 * How the experiment runs one data set.
 *
 * @param dataset the data set's name, as {@code replay --dataset} takes it
 * @param arguments replay arguments shared by every algorithm
 * @param hyperparameters per algorithm, its {@code key=value} overrides
 * @param only when not empty, the only algorithms to run here
 * @param excluded algorithms not run here
 * @param exclusionReason why they are not, for the report
 * @param reference another data set whose ERM result is this one's reference accuracy, or {@code null}
 */
public record DatasetProtocol(String dataset, List<String> arguments, Map<String, List<String>> hyperparameters,
    List<String> only, List<String> excluded, String exclusionReason, String reference) {

  public DatasetProtocol {
    arguments = List.copyOf(arguments);
    hyperparameters = Map.copyOf(hyperparameters);
    only = List.copyOf(only);
    excluded = List.copyOf(excluded);
  }

  /** Whether {@code algorithm} runs on this data set. */
  public boolean runs(String algorithm) {
    return (only.isEmpty() || only.contains(algorithm)) && !excluded.contains(algorithm);
  }

  /** The {@code --hp} overrides of {@code algorithm}; empty means its defaults. */
  public List<String> hyperparameters(String algorithm) {
    return hyperparameters.getOrDefault(algorithm, List.of());
  }
}
