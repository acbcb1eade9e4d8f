package io.invstream.trainer.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.invstream.trainer.algorithm.AlgorithmRegistry;
import io.invstream.trainer.algorithm.AndMask;
import io.invstream.trainer.algorithm.AndMaskHyperparameters;
import io.invstream.trainer.algorithm.BackwardPhase;
import io.invstream.trainer.algorithm.Erm;
import io.invstream.trainer.algorithm.ErmHyperparameters;
import io.invstream.trainer.algorithm.ForwardPhase;
import io.invstream.trainer.algorithm.InvariantAlgorithm;
import io.invstream.trainer.algorithm.UpdateKind;
import io.invstream.trainer.hparam.Hyperparameters;
import io.invstream.trainer.model.Cnn;
import io.invstream.trainer.model.LogisticRegression;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.model.ModelSpec;
import io.invstream.trainer.optim.AdamConfig;
import io.invstream.trainer.optim.GlobalNormClipping;
import io.invstream.trainer.param.NamedTensor;
import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.tensor.BackendCounters;
import io.invstream.trainer.tensor.TensorBackend;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainerTest {

  private static final TensorBackend BACKEND = new Nd4jCpuBackend();
  private static final Mlp SPEC = new Mlp(6, List.of(8, 5), 3);

  private static Trainer trainer(ModelSpec spec, InvariantAlgorithm algorithm, long seed) {
    return Trainer.create(BACKEND, spec, AdamConfig.of(0.01, 1e-4), algorithm, TrainerConfig.DEFAULTS, new SplittableRandom(seed));
  }

  private static InvariantAlgorithm andMask() {
    return AlgorithmRegistry.standard().create("andmask", Map.of("tau", "0.6"), new SplittableRandom(1));
  }

  private static List<NamedTensor> parameters(Trainer t) {
    return t.model().parameters().export(BACKEND);
  }

  @Test
  void sameSeedGivesBitwiseIdenticalParametersAfterManySteps() {
    for (ModelSpec spec : List.of(SPEC, new Cnn(2, 8, 8, 3, 4, 3))) {
      Trainer a = trainer(spec, andMask(), 42);
      Trainer b = trainer(spec, andMask(), 42);
      Trainer other = trainer(spec, andMask(), 43);
      for (int i = 0; i < 30; i++) {
        TrainingBatch batch = Fixtures.batch(spec.inputs(), 3, i, 5, 7, 6);
        a.step(batch);
        b.step(batch);
        other.step(batch);
      }
      assertThat(parameters(a)).isEqualTo(parameters(b));
      assertThat(parameters(a)).isNotEqualTo(parameters(other));
    }
  }

  @Test
  void exportedStateContinuesWithIdenticalSteps() {
    Trainer original = trainer(SPEC, andMask(), 7);
    for (int i = 0; i < 12; i++) {
      original.step(Fixtures.batch(6, 3, i, 5, 7, 6));
    }
    TrainerState state = original.exportState();
    Trainer restored = trainer(SPEC, andMask(), 999);
    restored.importState(state);
    assertThat(restored.steps()).isEqualTo(12);
    assertThat(restored.updates()).isEqualTo(original.updates());
    for (int i = 12; i < 20; i++) {
      TrainingBatch batch = Fixtures.batch(6, 3, i, 5, 7, 6);
      StepReport x = original.step(batch);
      StepReport y = restored.step(batch);
      assertThat(y.environments()).isEqualTo(x.environments());
      assertThat(y.step()).isEqualTo(x.step());
    }
    assertThat(parameters(restored)).isEqualTo(parameters(original));
  }

  @Test
  void parametersOfAnotherArchitectureAreRefused() {
    Trainer t = trainer(SPEC, new Erm(), 1);
    List<NamedTensor> lr = trainer(new LogisticRegression(6, 3), new Erm(), 1).exportState().parameters();
    assertThatThrownBy(() -> t.model().parameters().load(BACKEND, lr))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 6 tensors");
  }

  @Test
  void reportDescribesEveryEnvironmentBeforeTheUpdate() {
    Trainer t = trainer(SPEC, andMask(), 3);
    TrainingBatch batch = Fixtures.batch(6, 3, 5, 5, 7, 6, 4);
    List<Evaluation> before = batch.environments().stream().map(t::evaluate).toList();
    StepReport report = t.step(batch);
    assertThat(report.step()).isEqualTo(1);
    assertThat(report.updates()).isEqualTo(1);
    assertThat(report.applied()).isTrue();
    assertThat(report.nonFinite()).isFalse();
    assertThat(report.environments()).extracting(EnvironmentReport::environment)
        .containsExactly("env0", "env1", "env2", "env3");
    for (int e = 0; e < 4; e++) {
      assertThat(report.environments().get(e).loss()).isCloseTo(before.get(e).loss(), within(1e-6));
      assertThat(report.environments().get(e).accuracy()).isEqualTo(before.get(e).accuracy());
      assertThat(report.environments().get(e).examples()).isEqualTo(batch.environments().get(e).rows());
    }
    assertThat(report.cosines()).hasSize(6);
    assertThat(report.cosines()).allSatisfy(c -> assertThat(c.cosine()).isBetween(-1.0, 1.0));
    assertThat(report.consistency().get("agreement")).isBetween(0.0, 1.0);
    assertThat(report.consistency()).containsKeys("agreement/dense0.weight", "agreement/dense2.bias", "meanCosine", "lossVariance");
    assertThat(report.consistency().get("worstLoss"))
        .isEqualTo(before.stream().mapToDouble(Evaluation::loss).max().orElseThrow(), within(1e-6));
    assertThat(report.penalties()).containsKeys("andmask.kept", "andmask.kept/dense1.weight");
    assertThat(report.gradientNorm()).isPositive();
  }

  @Test
  void agreementMetricEqualsTheAndMaskKeptFractionAtTauOne() {
    Trainer t = trainer(SPEC, new AndMask(AndMaskHyperparameters.DEFAULTS), 3);
    StepReport report = t.step(Fixtures.batch(6, 3, 5, 5, 7, 6));
    assertThat(report.consistency().get("agreement")).isEqualTo(report.penalties().get("andmask.kept"));
  }

  @Test
  void nonFiniteStepsAreReportedAndNotApplied() {
    RecordingAlgorithm recorder = new RecordingAlgorithm(new Erm());
    Trainer t = trainer(SPEC, recorder, 3);
    t.step(Fixtures.batch(6, 3, 1, 5, 7));
    List<NamedTensor> before = parameters(t);
    long optimizerSteps = t.optimizer().steps();
    TrainingBatch good = Fixtures.batch(6, 3, 2, 5, 7);
    float[] x = good.environments().get(1).features();
    x[3] = Float.NaN;
    EnvironmentBatch poisoned = EnvironmentBatch.of("env1", 7, 6, x, good.environments().get(1).labels());
    StepReport report = t.step(TrainingBatch.of(good.environments().get(0), poisoned));
    assertThat(report.nonFinite()).isTrue();
    assertThat(report.applied()).isFalse();
    assertThat(report.updates()).isEqualTo(1);
    assertThat(report.step()).isEqualTo(2);
    assertThat(parameters(t)).isEqualTo(before);
    assertThat(t.optimizer().steps()).isEqualTo(optimizerSteps);
    assertThat(recorder.afterUpdateCalls).isEqualTo(1);
    assertThat(t.step(good).applied()).isTrue();
  }

  @Test
  void parameterDeltaBypassesTheOptimiser() {
    Trainer t = trainer(SPEC, new ConstantDelta(0.5f), 3);
    List<NamedTensor> before = parameters(t);
    t.step(Fixtures.batch(6, 3, 1, 5, 7));
    List<NamedTensor> after = parameters(t);
    for (int p = 0; p < before.size(); p++) {
      float[] b = before.get(p).data();
      float[] a = after.get(p).data();
      for (int i = 0; i < b.length; i++) {
        assertThat(a[i]).isEqualTo(b[i] + 0.5f);
      }
    }
    assertThat(t.optimizer().steps()).isZero();
  }

  @Test
  void anOptimizerResetRequestIsHonouredBeforeTheUpdate() {
    InvariantAlgorithm resetAtTwo = new ResettingErm(2);
    Trainer t = trainer(SPEC, resetAtTwo, 3);
    for (int i = 0; i < 4; i++) {
      t.step(Fixtures.batch(6, 3, i, 5, 7));
    }
    // Steps 1, 2 counted, reset before the third update, then 3 and 4: two steps since the reset.
    assertThat(t.optimizer().steps()).isEqualTo(2);
  }

  @Test
  void clippingLimitsTheAppliedGradient() {
    Trainer clipped = Trainer.create(BACKEND, SPEC, new io.invstream.trainer.optim.SgdConfig(1.0, 0, 0), new Erm(),
        new TrainerConfig(new GlobalNormClipping(1e-3)), new SplittableRandom(3));
    List<NamedTensor> before = parameters(clipped);
    StepReport report = clipped.step(Fixtures.batch(6, 3, 1, 5, 7));
    assertThat(report.gradientNorm()).isGreaterThan(1e-3);
    double moved = 0;
    List<NamedTensor> after = parameters(clipped);
    for (int p = 0; p < before.size(); p++) {
      for (int i = 0; i < before.get(p).data().length; i++) {
        moved += Math.pow(after.get(p).data()[i] - before.get(p).data()[i], 2);
      }
    }
    assertThat(Math.sqrt(moved)).isCloseTo(1e-3, within(1e-5));
  }

  @Test
  void predictGivesNormalisedProbabilitiesAndArgMax() {
    Trainer t = trainer(SPEC, new Erm(), 3);
    EnvironmentBatch b = Fixtures.batch(6, 3, 9, 11).environments().get(0);
    Predictions p = t.predict(b.features(), b.rows());
    assertThat(p.rows()).isEqualTo(11);
    for (int r = 0; r < 11; r++) {
      double sum = p.probability(r, 0) + p.probability(r, 1) + p.probability(r, 2);
      assertThat(sum).isCloseTo(1.0, within(1e-6));
      for (int k = 0; k < 3; k++) {
        assertThat(p.probability(r, p.predicted()[r])).isGreaterThanOrEqualTo(p.probability(r, k));
      }
    }
    Evaluation ev = t.evaluate(b);
    int correct = 0;
    for (int r = 0; r < 11; r++) {
      correct += p.predicted()[r] == b.labels()[r] ? 1 : 0;
    }
    assertThat(ev.accuracy()).isEqualTo(correct / 11.0);
  }

  @Test
  void badBatchesAreRefusedWithAnExplanation() {
    Trainer t = trainer(SPEC, new Erm(), 3);
    assertThatThrownBy(() -> t.step(Fixtures.batch(5, 3, 1, 4)))
        .hasMessageContaining("has 5 features per row but the model (mlp 6-8-5-3) takes 6");
    EnvironmentBatch badLabel = EnvironmentBatch.of("e", 1, 6, new float[6], new int[] {3});
    assertThatThrownBy(() -> t.step(TrainingBatch.of(badLabel)))
        .hasMessageContaining("label 3 at row 0 is out of range for a model with 3 classes");
    assertThatThrownBy(() -> EnvironmentBatch.of("e", 2, 6, new float[11], new int[2]))
        .hasMessageContaining("features has 11 values, expected 12");
    assertThatThrownBy(() -> TrainingBatch.of(badLabel, badLabel)).hasMessageContaining("appears twice");
    assertThatThrownBy(() -> new EnvironmentBatch("e", 1, 6, new float[6], new int[1], null, new float[] {-1}))
        .hasMessageContaining("weights must be finite and non-negative");
  }

  @Test
  void steadyStreamsAllocateNoTensorsAfterTheFirstSteps() {
    Trainer t = trainer(new Cnn(1, 8, 8, 2, 3, 2), andMask(), 3);
    int[][] layouts = {{5, 7, 6}, {4, 4}, {6, 2, 3}};
    for (int[] rows : layouts) {
      t.step(Fixtures.batch(64, 2, 0, rows));
      t.evaluate(Fixtures.batch(64, 2, 0, 9).environments().get(0));
    }
    BackendCounters before = BACKEND.counters();
    for (int i = 0; i < 60; i++) {
      t.step(Fixtures.batch(64, 2, i, layouts[i % 3]));
      t.evaluate(Fixtures.batch(64, 2, i, 9).environments().get(0));
    }
    assertThat(BACKEND.counters().since(before).allocations()).isZero();
    assertThat(BACKEND.counters().since(before).gemmCalls()).isPositive();
  }

  @Test
  void consistencyMetricsCanBeMeasuredOnEveryNthStep() {
    Trainer t = Trainer.create(BACKEND, SPEC, AdamConfig.DEFAULTS, new Erm(),
        new TrainerConfig(GlobalNormClipping.NONE, 3), new SplittableRandom(3));
    List<StepReport> reports = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      reports.add(t.step(Fixtures.batch(6, 3, i, 5, 7)));
    }
    assertThat(reports).extracting(r -> r.cosines().size()).containsExactly(0, 0, 1, 0, 0, 1);
    assertThat(reports.get(0).consistency()).containsOnlyKeys("worstLoss", "lossVariance");
    assertThat(reports.get(2).consistency()).containsKeys("agreement", "meanCosine", "worstLoss");
    assertThatThrownBy(() -> new TrainerConfig(GlobalNormClipping.NONE, 0)).hasMessageContaining("at least 1");
  }

  @Test
  void provenanceNamesEverySetting() {
    Trainer t = trainer(SPEC, andMask(), 3);
    assertThat(t.provenance())
        .containsEntry("model", "mlp 6-8-5-3")
        .containsEntry("optimizer", "adam")
        .containsEntry("optimizer.learningRate", "0.01")
        .containsEntry("optimizer.weightDecay", "1.0E-4")
        .containsEntry("algorithm", "andmask")
        .containsEntry("hp.tau", "0.6")
        .containsKey("backend");
  }

  /** Adds a constant to every parameter, as a parameter delta. */
  private record ConstantDelta(float value) implements InvariantAlgorithm {
    @Override
    public String name() {
      return "constant";
    }

    @Override
    public Hyperparameters hyperparameters() {
      return ErmHyperparameters.DEFAULTS;
    }

    @Override
    public UpdateKind combine(BackwardPhase step, ParameterBlock update) {
      step.backend().fill(update.flat(), value);
      return UpdateKind.PARAMETER_DELTA;
    }
  }

  /** ERM that asks for an optimiser reset when the update count reaches {@code at}, as anneals do. */
  private static final class ResettingErm implements InvariantAlgorithm {
    private final long at;
    private final Erm erm = new Erm();

    ResettingErm(long at) {
      this.at = at;
    }

    @Override
    public String name() {
      return "reset";
    }

    @Override
    public Hyperparameters hyperparameters() {
      return ErmHyperparameters.DEFAULTS;
    }

    @Override
    public void adjustOutputGradients(ForwardPhase step) {
      if (step.updateCount() == at) {
        step.resetOptimizer();
      }
    }

    @Override
    public UpdateKind combine(BackwardPhase step, ParameterBlock update) {
      return erm.combine(step, update);
    }
  }
}
