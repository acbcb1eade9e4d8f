package io.invstream.trainer.replay;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a replay measured.
 *
 * @param steps steps run
 * @param skippedSteps steps refused for a NaN/Inf loss or update (the model did not change)
 * @param selection the rule {@link #selected} follows
 * @param last the model after the last step
 * @param selected the model chosen by {@link #selection} (equal to {@link #last} for the last-step rule)
 * @param history every evaluated step, in order
 * @param prequential each training environment's test-then-train accuracy over the last window of steps
 * @param rejected examples refused before training (first few messages), with {@link #rejectedCount} in all
 * @param rejectedCount how many examples were refused
 * @param provenance model, optimiser, algorithm and hyperparameters, as recorded with published models
 */
public record ReplayResult(long steps, long skippedSteps, SelectionRule selection, ModelScores last, ModelScores selected,
    List<Checkpoint> history, Map<String, Double> prequential, List<String> rejected, long rejectedCount,
    Map<String, String> provenance) {

  public ReplayResult {
    history = List.copyOf(history);
    prequential = Checkpoint.ordered(prequential);
    rejected = List.copyOf(rejected);
    provenance = Map.copyOf(provenance);
  }

  /**
   * The test-domain (oracle) choice: the evaluated step with the best mean held-out accuracy, the
   * earliest on a tie. It peeks at the test environments, so it bounds what any honest selection
   * could reach; never report it as a result of the method.
   */
  public Checkpoint oracle() {
    return history.stream().filter(c -> !Double.isNaN(c.meanHeldOut()))
        .max(Comparator.comparingDouble(Checkpoint::meanHeldOut).thenComparing(c -> -c.step()))
        .orElse(null);
  }
}
