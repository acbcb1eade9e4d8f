package io.invstream.trainer.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invstream.schemas.Example;
import io.invstream.trainer.session.SessionStep;
import io.invstream.trainer.step.EnvironmentReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayRunnerTest {

  @Test
  void theSameSeedsGiveTheSameResult() {
    ReplayResult first = run("andmask", 3, ReplayFixtures.data(80), SelectionRule.TRAINING_DOMAIN_VALIDATION);
    ReplayResult second = run("andmask", 3, ReplayFixtures.data(80), SelectionRule.TRAINING_DOMAIN_VALIDATION);
    assertThat(second).isEqualTo(first);
    ReplayResult otherSeed = run("andmask", 4, ReplayFixtures.data(80), SelectionRule.TRAINING_DOMAIN_VALIDATION);
    assertThat(otherSeed.history()).isNotEqualTo(first.history());
  }

  @Test
  void heldOutEnvironmentsNeverReachATrainingStepAndEveryStepIsBalanced() {
    List<List<EnvironmentReport>> steps = new ArrayList<>();
    ReplayListener recorder = new ReplayListener() {
      @Override
      public void stepped(long step, SessionStep result) {
        steps.add(result.report().environments());
        assertThat(result.heldOut()).as("held-out examples are not even sent to the session").isEmpty();
      }
    };
    ReplayResult result = new ReplayRunner(ReplayFixtures.session("erm", 1),
        ReplayFixtures.config(30, 8, SelectionRule.LAST_STEP)).run(ReplayFixtures.data(60), recorder);

    assertThat(steps).hasSize(30);
    for (List<EnvironmentReport> environments : steps) {
      assertThat(environments).extracting(EnvironmentReport::environment).containsExactly("a", "b");
      assertThat(environments).extracting(EnvironmentReport::examples).containsOnly(8);
    }
    assertThat(result.last().heldOut()).containsOnlyKeys("test");
    assertThat(result.last().train()).containsOnlyKeys("a", "b");
  }

  @Test
  void fullBatchStepsTrainOnTheWholeTrainingPartOfEachEnvironment() {
    List<Integer> sizes = new ArrayList<>();
    ReplayListener recorder = new ReplayListener() {
      @Override
      public void stepped(long step, SessionStep result) {
        result.report().environments().forEach(e -> sizes.add(e.examples()));
      }
    };
    new ReplayRunner(ReplayFixtures.session("erm", 1), ReplayFixtures.config(3, 0, SelectionRule.LAST_STEP))
        .run(ReplayFixtures.data(40), recorder);
    assertThat(sizes).containsOnly(ValidationSplit.trainingSize(40, 0.25)).hasSize(6);
  }

  @Test
  void validationSelectionReportsTheCheckpointWithTheBestMeanValidationAccuracy() {
    ReplayResult result = run("erm", 5, ReplayFixtures.data(80), SelectionRule.TRAINING_DOMAIN_VALIDATION);
    Checkpoint best = result.history().stream()
        .max(Comparator.comparingDouble(Checkpoint::meanValidation).thenComparing(c -> -c.step())).orElseThrow();
    assertThat(result.selected().step()).isEqualTo(best.step());
    assertThat(result.selected().validation()).isEqualTo(best.validation());
    assertThat(result.selected().heldOut()).isEqualTo(best.heldOut());
    assertThat(result.last().step()).isEqualTo(40);
    assertThat(result.history()).extracting(Checkpoint::step).containsExactly(5L, 10L, 15L, 20L, 25L, 30L, 35L, 40L);
  }

  @Test
  void lastStepSelectionReportsTheLastModel() {
    ReplayResult result = run("erm", 5, ReplayFixtures.data(80), SelectionRule.LAST_STEP);
    assertThat(result.selected()).isEqualTo(result.last());
    assertThat(result.oracle().meanHeldOut())
        .isEqualTo(result.history().stream().mapToDouble(Checkpoint::meanHeldOut).max().orElseThrow());
  }

  @Test
  void examplesTheModelCannotTakeAreCountedAndSkipped() {
    ReplayData clean = ReplayFixtures.data(40);
    Map<String, List<Example>> environments = new LinkedHashMap<>(clean.environments());
    List<Example> a = new ArrayList<>(environments.get("a"));
    a.add(ReplayFixtures.example("a", "nan", new float[] {Float.NaN, 0, 0}, 1));
    a.add(ReplayFixtures.example("a", "label", new float[] {0, 0, 0}, 5));
    a.add(ReplayFixtures.example("a", "short", new float[] {0, 0}, 1));
    environments.put("a", a);
    ReplayResult result = run("erm", 1, new ReplayData(environments, Set.of("test")), SelectionRule.LAST_STEP);
    assertThat(result.rejectedCount()).isEqualTo(3);
    assertThat(result.rejected()).hasSize(3).anyMatch(m -> m.contains("label 5")).anyMatch(m -> m.contains("short"));
    assertThat(result.skippedSteps()).isZero();
  }

  @Test
  void aHeldOutEnvironmentThatIsNotInTheDataIsAnErrorNamingTheEnvironments() {
    assertThatThrownBy(() -> new ReplayData(ReplayFixtures.data(10).environments(), Set.of("nope")))
        .hasMessageContaining("'nope'").hasMessageContaining("[a, b, test]");
  }

  private static ReplayResult run(String algorithm, long seed, ReplayData data, SelectionRule rule) {
    return new ReplayRunner(ReplayFixtures.session(algorithm, seed), ReplayFixtures.config(40, 8, rule))
        .run(data, ReplayListener.NONE);
  }
}
