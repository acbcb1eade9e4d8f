package io.invstream.trainer.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invstream.schemas.Example;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ValidationSplitTest {

  @Test
  void validationExamplesAreDisjointFromTrainingOnesAndTogetherTheyAreTheEnvironment() {
    ReplayData data = ReplayFixtures.data(50);
    ValidationSplit split = ValidationSplit.of(data, 0.2, new SplittableRandom(3));
    assertThat(split.training()).containsOnlyKeys("a", "b");
    for (String environment : List.of("a", "b")) {
      Set<String> training = ids(split.training().get(environment));
      Set<String> validation = ids(split.validation().get(environment));
      assertThat(validation).hasSize(10).doesNotContainAnyElementsOf(training);
      Set<String> union = new HashSet<>(training);
      union.addAll(validation);
      assertThat(union).isEqualTo(ids(data.examples(environment)));
    }
  }

  @Test
  void noBatchEverHoldsAValidationOrHeldOutExample() {
    ReplayData data = ReplayFixtures.data(50);
    ValidationSplit split = ValidationSplit.of(data, 0.2, new SplittableRandom(3));
    Set<String> forbidden = new HashSet<>(ids(data.examples("test")));
    split.validation().values().forEach(examples -> forbidden.addAll(ids(examples)));
    BalancedSampler sampler = new BalancedSampler(split.training(), 7, new SplittableRandom(4));
    for (int step = 0; step < 40; step++) {
      assertThat(ids(sampler.next())).doesNotContainAnyElementsOf(forbidden);
    }
  }

  @Test
  void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
    ReplayData data = ReplayFixtures.data(50);
    assertThat(ValidationSplit.of(data, 0.2, new SplittableRandom(3)))
        .isEqualTo(ValidationSplit.of(data, 0.2, new SplittableRandom(3)))
        .isNotEqualTo(ValidationSplit.of(data, 0.2, new SplittableRandom(4)));
  }

  @Test
  void everyEnvironmentKeepsATrainingExampleAndTheFractionIsChecked() {
    assertThat(ValidationSplit.trainingSize(1, 0.9)).isEqualTo(1);
    assertThat(ValidationSplit.trainingSize(10, 0.2)).isEqualTo(8);
    assertThatThrownBy(() -> ValidationSplit.of(ReplayFixtures.data(5), 1.0, new SplittableRandom(1)))
        .hasMessageContaining("[0, 1)");
  }

  @Test
  void theSamplerDrawsKPerEnvironmentAndSeesEveryExampleOncePerPass() {
    Map<String, List<Example>> environments = Map.of("a", ReplayFixtures.environment("a", 12, 1f, 1));
    BalancedSampler sampler = new BalancedSampler(environments, 4, new SplittableRandom(9));
    Map<String, Integer> seen = new HashMap<>();
    for (int step = 0; step < 6; step++) {
      List<Example> batch = sampler.next();
      assertThat(batch).hasSize(4);
      batch.forEach(example -> seen.merge(example.getId(), 1, Integer::sum));
    }
    assertThat(seen).hasSize(12).allSatisfy((id, times) -> assertThat(times).isEqualTo(2));
    assertThat(BalancedSampler.stepsPerEpoch(12, 5)).isEqualTo(3);
    assertThat(BalancedSampler.stepsPerEpoch(12, 0)).isEqualTo(1);
  }

  private static Set<String> ids(List<Example> examples) {
    Set<String> out = new HashSet<>();
    examples.forEach(example -> out.add(example.getId()));
    return out;
  }
}
