package io.invstream.trainer.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invstream.trainer.algorithm.AlgorithmRegistry;
import io.invstream.trainer.algorithm.InvariantAlgorithm;
import io.invstream.trainer.model.Cnn;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.model.ModelSpec;
import io.invstream.trainer.optim.AdamConfig;
import io.invstream.trainer.param.SavedState;
import io.invstream.trainer.tensor.BackendCounters;
import io.invstream.trainer.tensor.TensorBackend;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The penalty algorithms inside the training loop: anneal schedules and the optimiser reset,
 * exact restore from exported state, state kept by environment name, refusals of batches an
 * estimator cannot use, and constant memory in a steady stream.
 */
class PenaltyTrainingTest {

  private static final TensorBackend BACKEND = new Nd4jCpuBackend();
  private static final Mlp SPEC = new Mlp(6, List.of(8, 5), 3);

  private static InvariantAlgorithm create(String name, Map<String, String> hp) {
    return AlgorithmRegistry.standard().create(name, hp, new SplittableRandom(11));
  }

  private static Trainer trainer(ModelSpec spec, InvariantAlgorithm algorithm, long seed) {
    return Trainer.create(BACKEND, spec, AdamConfig.of(0.01, 1e-4), algorithm, TrainerConfig.DEFAULTS, new SplittableRandom(seed));
  }

  private static TrainingBatch batch(int i) {
    return Fixtures.batch(6, 3, i, 5, 7, 6);
  }

  @ParameterizedTest
  @ValueSource(strings = {"irm", "vrex", "fishr"})
  void weightSwitchesOnTheAnnealUpdateAndTheOptimiserIsResetThereOnce(String name) {
    Trainer t = trainer(SPEC, create(name, Map.of("lambda", "50", "penaltyAnnealIters", "3")), 1);
    double before = name.equals("fishr") ? 0 : 1;
    List<Double> weights = new ArrayList<>();
    List<Long> optimizerSteps = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      weights.add(t.step(batch(i)).penalties().get(name + ".weight"));
      optimizerSteps.add(t.optimizer().steps());
    }
    assertThat(weights).containsExactly(before, before, before, 50.0, 50.0, 50.0);
    assertThat(optimizerSteps).as("Adam restarts with the fourth update, and only then").containsExactly(1L, 2L, 3L, 1L, 2L, 3L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"irm", "vrex", "fishr"})
  void aRejectedSwitchStepResetsOnTheNextAppliedOne(String name) {
    Trainer t = trainer(SPEC, create(name, Map.of("lambda", "50", "penaltyAnnealIters", "2")), 1);
    t.step(batch(0));
    t.step(batch(1));
    SavedState algorithmState = t.algorithm().exportState();
    StepReport rejected = t.step(poisoned(batch(2)));
    assertThat(rejected.applied()).isFalse();
    assertThat(t.optimizer().steps()).as("no reset from a rejected step").isEqualTo(2);
    assertThat(t.algorithm().exportState().tensors()).as("no state committed").isEqualTo(algorithmState.tensors());
    StepReport applied = t.step(batch(3));
    assertThat(applied.penalties().get(name + ".weight")).isEqualTo(50.0);
    assertThat(t.optimizer().steps()).isEqualTo(1);
    t.step(batch(4));
    assertThat(t.optimizer().steps()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"irm", "vrex", "fishr", "coral", "dann"})
  void exportedStateContinuesWithBitIdenticalSteps(String name) {
    Map<String, String> hp = switch (name) {
      case "dann" -> Map.of("mlpWidth", "7", "lrD", "0.01");
      case "coral" -> Map.of();
      default -> Map.of("penaltyAnnealIters", "4");
    };
    Trainer original = trainer(SPEC, create(name, hp), 7);
    for (int i = 0; i < 7; i++) {
      original.step(batch(i));
    }
    TrainerState state = original.exportState();
    // A trainer that has already trained (algorithm state live, not pending) and one that has not.
    Trainer warm = trainer(SPEC, create(name, hp), 99);
    warm.step(batch(50));
    Trainer cold = trainer(SPEC, create(name, hp), 98);
    for (Trainer restored : List.of(warm, cold)) {
      restored.importState(state);
    }
    for (int i = 7; i < 12; i++) {
      StepReport expected = original.step(batch(i));
      for (Trainer restored : List.of(warm, cold)) {
        StepReport actual = restored.step(batch(i));
        assertThat(actual.environments()).isEqualTo(expected.environments());
        assertThat(actual.penalties()).isEqualTo(expected.penalties());
        assertThat(actual.gradientNorm()).isEqualTo(expected.gradientNorm());
      }
    }
    for (Trainer restored : List.of(warm, cold)) {
      assertThat(restored.model().parameters().export(BACKEND)).isEqualTo(original.model().parameters().export(BACKEND));
      assertThat(restored.algorithm().exportState().tensors()).isEqualTo(original.algorithm().exportState().tensors());
      assertThat(restored.algorithm().exportState().values()).isEqualTo(original.algorithm().exportState().values());
    }
  }

  @Test
  void fishrAndDannKeepTheirStateByEnvironmentNameWhateverTheOrder() {
    for (String name : List.of("fishr", "dann")) {
      Map<String, String> hp = name.equals("fishr") ? Map.of("penaltyAnnealIters", "0") : Map.of("mlpWidth", "6");
      Trainer forward = trainer(SPEC, create(name, hp), 3);
      Trainer reversed = trainer(SPEC, create(name, hp), 3);
      // The first step assigns DANN's outputs (and Fishr's averages) to the names env0, env1, env2.
      forward.step(batch(0));
      reversed.importState(forward.exportState());
      for (int i = 1; i < 5; i++) {
        TrainingBatch b = batch(i);
        List<EnvironmentBatch> flipped = new ArrayList<>(b.environments());
        java.util.Collections.reverse(flipped);
        StepReport x = forward.step(b);
        StepReport y = reversed.step(new TrainingBatch(flipped));
        String key = name.equals("fishr") ? "fishr.distance" : "dann.discriminatorLoss";
        assertThat(y.penalties().get(key)).as("%s step %d", key, i).isCloseTo(x.penalties().get(key), org.assertj.core.api.Assertions.within(1e-6));
      }
    }
  }

  @Test
  void fishrRefusesAveragesSavedWithAnotherClassifier() {
    Trainer small = trainer(new Mlp(6, List.of(4), 3), create("fishr", Map.of()), 1);
    small.step(batch(0));
    Trainer other = trainer(SPEC, create("fishr", Map.of()), 1);
    other.algorithm().importState(small.algorithm().exportState());
    assertThatThrownBy(() -> other.step(batch(1)))
        .hasMessageContaining("holds 15 values but this model's classifier layer has 18");
  }

  @Test
  void dannRefusesAnEnvironmentBeyondItsOutputs() {
    Trainer t = trainer(SPEC, create("dann", Map.of("mlpWidth", "4")), 3);
    t.step(Fixtures.batch(6, 3, 1, 5, 7));
    assertThatThrownBy(() -> t.step(Fixtures.batch(6, 3, 2, 5, 7, 6)))
        .hasMessageContaining("DANN's discriminator has 2 environment outputs, all taken by [env0, env1]")
        .hasMessageContaining("environment 'env2' is new")
        .hasMessageContaining("--hp environmentSlots=N");
    Trainer roomy = trainer(SPEC, create("dann", Map.of("mlpWidth", "4", "environmentSlots", "3")), 3);
    roomy.step(Fixtures.batch(6, 3, 1, 5, 7));
    assertThat(roomy.step(Fixtures.batch(6, 3, 2, 5, 7, 6)).applied()).isTrue();
  }

  @Test
  void estimatorsRefuseEnvironmentsTooSmallForThem() {
    TrainingBatch single = Fixtures.batch(6, 3, 1, 5, 1);
    assertThatThrownBy(() -> trainer(SPEC, create("irm", Map.of()), 1).step(single))
        .hasMessageContaining("IRM's split penalty estimator needs at least 2 examples per environment, but environment 'env1' has 1")
        .hasMessageContaining("--hp estimator=squared");
    assertThat(trainer(SPEC, create("irm", Map.of("estimator", "squared")), 1).step(single).applied()).isTrue();
    assertThatThrownBy(() -> trainer(SPEC, create("coral", Map.of()), 1).step(single))
        .hasMessageContaining("CORAL needs at least 2 examples per environment for a covariance, but environment 'env1' has 1");
  }

  @Test
  void oneEnvironmentHasNoPenalty() {
    TrainingBatch one = Fixtures.batch(6, 3, 1, 8);
    assertThat(trainer(SPEC, create("coral", Map.of()), 1).step(one).penalties()).containsEntry("coral.penalty", 0.0);
    assertThat(trainer(SPEC, create("vrex", Map.of()), 1).step(one).penalties()).containsEntry("vrex.variance", 0.0);
    assertThat(trainer(SPEC, create("fishr", Map.of("penaltyAnnealIters", "0")), 1).step(one).penalties())
        .containsEntry("fishr.distance", 0.0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"irm", "vrex", "fishr", "coral", "dann"})
  void steadyStreamsAllocateNoTensorsAfterTheFirstSteps(String name) {
    Map<String, String> hp = switch (name) {
      case "dann" -> Map.of("mlpWidth", "5", "environmentSlots", "3");
      case "coral" -> Map.of();
      default -> Map.of("penaltyAnnealIters", "0");
    };
    Trainer t = trainer(new Cnn(1, 8, 8, 2, 3, 2), create(name, hp), 3);
    int[][] layouts = {{5, 7, 6}, {4, 4}, {6, 2, 3}};
    for (int[] rows : layouts) {
      t.step(Fixtures.batch(64, 2, 0, rows));
    }
    BackendCounters before = BACKEND.counters();
    for (int i = 0; i < 30; i++) {
      assertThat(t.step(Fixtures.batch(64, 2, i, layouts[i % 3])).applied()).isTrue();
    }
    assertThat(BACKEND.counters().since(before).allocations()).isZero();
  }

  private static TrainingBatch poisoned(TrainingBatch b) {
    EnvironmentBatch e = b.environments().get(1);
    float[] x = e.features();
    x[2] = Float.NaN;
    List<EnvironmentBatch> envs = new ArrayList<>(b.environments());
    envs.set(1, new EnvironmentBatch(e.environment(), e.rows(), e.cols(), x, e.labels(), null, e.weights()));
    return new TrainingBatch(envs);
  }
}
