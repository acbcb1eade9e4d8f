package io.invstream.trainer.replay;

import io.invstream.schemas.Example;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Each training environment cut into a part to train on and a disjoint part for training-domain
 * validation (DomainBed's default model selection): a seeded shuffle of the environment's positions,
 * the first {@code round(fraction · n)} of which become validation examples. Both parts keep the
 * environment's original order, so a split depends only on the seed and the data.
 *
 * @param training examples to train on, per training environment
 * @param validation examples held out for model selection, per training environment (empty lists
 *     when the fraction is 0)
 */
public record ValidationSplit(Map<String, List<Example>> training, Map<String, List<Example>> validation) {

  public ValidationSplit {
    training = copy(training);
    validation = copy(validation);
  }

  /**
   * Splits every training environment of {@code data}.
   *
   * @param fraction share of each environment kept for validation, in {@code [0, 1)}; every
   *     environment keeps at least one training example
   * @param random draws the shuffles, one {@code split()} per environment in data order
   */
  public static ValidationSplit of(ReplayData data, double fraction, SplittableRandom random) {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("The validation fraction must be in [0, 1), got " + fraction);
    }
    Map<String, List<Example>> training = new LinkedHashMap<>();
    Map<String, List<Example>> validation = new LinkedHashMap<>();
    for (String environment : data.trainingEnvironments()) {
      List<Example> examples = data.examples(environment);
      int n = examples.size();
      int held = n - trainingSize(n, fraction);
      boolean[] isValidation = new boolean[n];
      int[] order = Permutations.shuffled(n, random.split());
      for (int i = 0; i < held; i++) {
        isValidation[order[i]] = true;
      }
      List<Example> train = new ArrayList<>(n - held);
      List<Example> valid = new ArrayList<>(held);
      for (int i = 0; i < n; i++) {
        (isValidation[i] ? valid : train).add(examples.get(i));
      }
      training.put(environment, train);
      validation.put(environment, valid);
    }
    return new ValidationSplit(training, validation);
  }

  /** How many of an environment's {@code n} examples stay for training at this validation fraction (at least one). */
  public static int trainingSize(int n, double fraction) {
    return n - Math.min(n - 1, (int) Math.round(fraction * n));
  }

  /** Whether every training environment has validation examples, so validation-based selection can run. */
  public boolean hasValidation() {
    return validation.values().stream().noneMatch(List::isEmpty);
  }

  private static Map<String, List<Example>> copy(Map<String, List<Example>> groups) {
    Map<String, List<Example>> out = new LinkedHashMap<>();
    groups.forEach((name, examples) -> out.put(name, List.copyOf(examples)));
    return Collections.unmodifiableMap(out);
  }
}
