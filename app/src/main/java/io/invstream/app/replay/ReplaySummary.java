package io.invstream.app.replay;

import io.invstream.trainer.replay.Checkpoint;
import io.invstream.trainer.replay.ModelScores;
import io.invstream.trainer.replay.ReplayConfig;
import io.invstream.trainer.replay.ReplayResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON summary of a replay. Top-level accuracies describe the model the selection rule picked
 * and {@code selection} names the rule; {@code last} and {@code selected} give both models in full,
 * and {@code oracle} the test-domain choice, labelled as such. Holds no wall-clock figure, so the
 * same seeds give the same line.
 */
public final class ReplaySummary {

  private ReplaySummary() {}

  /** The summary of {@code result}, run on {@code dataset} with {@code config}. */
  public static Map<String, Object> of(String algorithm, String dataset, List<String> testEnvironments, long seed,
      ReplayConfig config, ReplayResult result) {
    ModelScores selected = result.selected();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("algorithm", algorithm);
    out.put("dataset", dataset);
    out.put("model", result.provenance().get("model"));
    out.put("steps", result.steps());
    out.put("k", config.examplesPerEnvironment());
    out.put("seed", seed);
    out.put("replaySeed", config.seed());
    out.put("testEnvironments", testEnvironments);
    out.put("trainAccuracy", selected.train());
    out.put("validationAccuracy", selected.validation());
    out.put("heldOutAccuracy", selected.heldOut());
    out.put("testAccuracy", selected.testAccuracy());
    out.put("worstEnvAccuracy", selected.worstEnvAccuracy());
    out.put("selection", selection(config, result));
    out.put("last", scores(result.last()));
    out.put("selected", scores(selected));
    out.put("oracle", oracle(result.oracle()));
    out.put("prequentialAccuracy", result.prequential());
    out.put("skippedSteps", result.skippedSteps());
    Map<String, Object> rejected = new LinkedHashMap<>();
    rejected.put("count", result.rejectedCount());
    rejected.put("first", result.rejected());
    out.put("rejected", rejected);
    out.put("hyperparameters", new TreeMap<>(result.provenance()));
    return out;
  }

  private static Map<String, Object> selection(ReplayConfig config, ReplayResult result) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rule", config.selection().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    out.put("description", config.selection().description());
    out.put("step", result.selected().step());
    out.put("validationFraction", config.validationFraction());
    out.put("evaluationInterval", config.evaluationInterval());
    return out;
  }

  private static Map<String, Object> scores(ModelScores scores) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("step", scores.step());
    out.put("trainAccuracy", scores.train());
    out.put("validationAccuracy", scores.validation());
    out.put("heldOutAccuracy", scores.heldOut());
    out.put("testAccuracy", scores.testAccuracy());
    out.put("worstEnvAccuracy", scores.worstEnvAccuracy());
    return out;
  }

  private static Map<String, Object> oracle(Checkpoint oracle) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rule", "test-domain (oracle): the evaluated step with the best held-out accuracy; it looks at the test"
        + " environments, so it is an upper reference, not a result");
    out.put("step", oracle == null ? null : oracle.step());
    out.put("testAccuracy", oracle == null ? Double.NaN : oracle.meanHeldOut());
    return out;
  }
}
