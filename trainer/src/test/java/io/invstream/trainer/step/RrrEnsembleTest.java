package io.invstream.trainer.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.invstream.trainer.algorithm.EnsembleAlgorithm;
import io.invstream.trainer.algorithm.RrrEnsemble;
import io.invstream.trainer.algorithm.RrrEnsembleHyperparameters;
import io.invstream.trainer.model.BatchLayout;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.model.Model;
import io.invstream.trainer.model.Tape;
import io.invstream.trainer.optim.SgdConfig;
import io.invstream.trainer.param.NamedTensor;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Find-another-explanation on a task with two redundant predictive feature groups: group A (a
 * strong signal) and group B (a weaker one) each determine the label alone, two further features
 * are noise. The first member leans on A; the second, penalised where the first had its largest
 * input gradients, must explain the labels with B.
 */
class RrrEnsembleTest {

  private static final TensorBackend BACKEND = new Nd4jCpuBackend();
  private static final int[] GROUP_A = {0, 1};
  private static final int[] GROUP_B = {2, 3};
  private static final int INPUTS = 6;
  private static final Mlp SPEC = new Mlp(INPUTS, List.of(8), 2);
  private static final int UPDATES_PER_MEMBER = 300;

  /**
   * y uniform in {0, 1}, s = 2y − 1: A = 2s + N(0, 0.3²), B = 0.5s + N(0, 0.15²) (two features
   * each), noise N(0, 1). Either group, even one feature of
   * either, separates the classes. Gradient descent grows weights
   * in proportion to a feature's correlation with the label, so a plain model weighs A about four
   * times as much as B.
   */
  static EnvironmentBatch redundantGroups(String name, int rows, SplittableRandom random) {
    float[] x = new float[rows * INPUTS];
    int[] y = new int[rows];
    for (int r = 0; r < rows; r++) {
      y[r] = random.nextInt(2);
      double s = 2 * y[r] - 1;
      for (int d : GROUP_A) {
        x[r * INPUTS + d] = (float) (2 * s + 0.3 * random.nextGaussian());
      }
      for (int d : GROUP_B) {
        x[r * INPUTS + d] = (float) (0.5 * s + 0.15 * random.nextGaussian());
      }
      for (int d = 4; d < INPUTS; d++) {
        x[r * INPUTS + d] = (float) random.nextGaussian();
      }
    }
    return EnvironmentBatch.of(name, rows, INPUTS, x, y);
  }

  private static Trainer trainer(int members) {
    SplittableRandom random = new SplittableRandom(11);
    return Trainer.create(BACKEND, SPEC, new SgdConfig(0.02, 0.9, 0),
        new RrrEnsemble(new RrrEnsembleHyperparameters(10, members, UPDATES_PER_MEMBER, 0.67), random.split()),
        TrainerConfig.DEFAULTS, random);
  }

  private static void train(Trainer t, int steps, SplittableRandom data) {
    for (int i = 0; i < steps; i++) {
      StepReport r = t.step(new TrainingBatch(List.of(redundantGroups("a", 32, data), redundantGroups("b", 32, data))));
      assertThat(r.applied()).as("step %d: %s", i, r).isTrue();
    }
  }

  @Test
  void theSecondMemberExplainsTheLabelsWithTheOtherFeatureGroup() {
    Trainer t = trainer(2);
    SplittableRandom data = new SplittableRandom(5);
    train(t, 2 * UPDATES_PER_MEMBER, data);
    RrrEnsemble algorithm = (RrrEnsemble) t.algorithm();
    List<Model> members = algorithm.ensemble(t.model(), BACKEND);
    assertThat(members).hasSize(2);

    EnvironmentBatch test = redundantGroups("test", 400, new SplittableRandom(99));
    double[] first = inputGradientMass(members.get(0), test);
    double[] second = inputGradientMass(members.get(1), test);
    double firstOnA = share(first, GROUP_A);
    double secondOnB = share(second, GROUP_B);
    assertThat(firstOnA).as("member 0's input-gradient mass on group A vs A+B").isGreaterThan(0.6);
    // Over model seeds 1–6 these shares were 0.69–0.88 and 0.87–0.9998; the seed here is fixed.
    assertThat(secondOnB).as("member 1's input-gradient mass on group B vs A+B").isGreaterThan(0.8);
    assertThat(secondOnB - (1 - firstOnA)).as("member 1 leans on B far more than member 0").isGreaterThan(0.4);
    for (Model m : members) {
      assertThat(accuracy(m, test)).isGreaterThan(0.97);
    }
    assertThat(t.evaluate(test).accuracy()).isGreaterThan(0.97);
  }

  @Test
  void membersAreSwitchedResetAndPublishedUnderTheirIndex() {
    Trainer t = trainer(3);
    SplittableRandom data = new SplittableRandom(6);
    RrrEnsemble algorithm = (RrrEnsemble) t.algorithm();
    assertThat(t.publishedParameters()).extracting(NamedTensor::name)
        .containsExactly("member0/dense0.weight", "member0/dense0.bias", "member0/dense1.weight", "member0/dense1.bias");
    train(t, UPDATES_PER_MEMBER - 1, data);
    float[] before = t.model().parameters().export(BACKEND).get(0).data();
    StepReport last = t.step(new TrainingBatch(List.of(redundantGroups("a", 16, data))));
    assertThat(last.penalties()).containsEntry("rrr-ensemble.member", 0.0);
    assertThat(algorithm.memberInTraining()).isEqualTo(1);
    // The switch re-initialised the trainer's model; the finished member kept the trained weights.
    assertThat(t.model().parameters().export(BACKEND).get(0).data()).isNotEqualTo(before);
    assertThat(t.optimizer().steps()).isEqualTo(UPDATES_PER_MEMBER);
    StepReport first = t.step(new TrainingBatch(List.of(redundantGroups("a", 16, data))));
    assertThat(t.optimizer().steps()).as("optimiser reset for the new member").isEqualTo(1);
    assertThat(first.penalties().get("rrr-ensemble.member")).isEqualTo(1.0);
    assertThat(first.penalties().get("rrr-ensemble.annotated")).isBetween(0.05, 0.6);
    // Member 1 is not the last one: it is not published until it finishes.
    assertThat(t.publishedParameters()).extracting(NamedTensor::name).allMatch(n -> n.startsWith("member0/"));
    train(t, 2 * UPDATES_PER_MEMBER, data);
    assertThat(algorithm.memberInTraining()).isEqualTo(2);
    List<NamedTensor> published = t.publishedParameters();
    assertThat(published).hasSize(12).extracting(NamedTensor::name)
        .contains("member0/dense0.weight", "member1/dense1.bias", "member2/dense0.weight");
    assertThat(published.get(8).data()).isEqualTo(t.model().parameters().export(BACKEND).get(0).data());
  }

  @Test
  void theEnsemblePredictsTheMeanOfItsMembersProbabilities() {
    Trainer t = trainer(2);
    train(t, 2 * UPDATES_PER_MEMBER, new SplittableRandom(7));
    EnvironmentBatch test = redundantGroups("test", 20, new SplittableRandom(8));
    List<Model> members = ((EnsembleAlgorithm) t.algorithm()).ensemble(t.model(), BACKEND);
    double[][] p0 = probabilities(members.get(0), test);
    double[][] p1 = probabilities(members.get(1), test);
    Predictions p = t.predict(test.features(), test.rows());
    double loss = 0;
    for (int r = 0; r < test.rows(); r++) {
      for (int k = 0; k < 2; k++) {
        assertThat((double) p.probability(r, k)).isCloseTo((p0[r][k] + p1[r][k]) / 2, within(1e-6));
      }
      loss -= Math.log((p0[r][test.labels()[r]] + p1[r][test.labels()[r]]) / 2);
    }
    assertThat(t.evaluate(test).loss()).isCloseTo(loss / test.rows(), within(1e-5));
  }

  @Test
  void restoringMidSequenceContinuesBitIdentically() {
    Trainer a = trainer(3);
    SplittableRandom data = new SplittableRandom(9);
    train(a, UPDATES_PER_MEMBER + 5, data);
    TrainerState checkpoint = a.exportState();
    List<TrainingBatch> next = new ArrayList<>();
    for (int i = 0; i < UPDATES_PER_MEMBER; i++) {
      next.add(new TrainingBatch(List.of(redundantGroups("a", 16, data))));
    }
    next.forEach(a::step);

    Trainer b = trainer(3);
    b.importState(checkpoint);
    next.forEach(b::step);
    assertThat(b.publishedParameters()).isEqualTo(a.publishedParameters());
    assertThat(GradientChecks.theta(BACKEND, b)).containsExactly(GradientChecks.theta(BACKEND, a));
  }

  /** Mean over examples of |∂/∂x_d Σ_k log p_k| per feature. */
  private static double[] inputGradientMass(Model m, EnvironmentBatch batch) {
    Tape tape = forward(m, batch);
    Tensor p = BACKEND.allocate(tape.logits().shape());
    BACKEND.softmax(tape.logits(), p);
    BACKEND.fill(tape.logitGradient(), 1f);
    BACKEND.axpy(-m.classes(), p, tape.logitGradient());
    m.backward(tape, List.of(m.layout().allocate(BACKEND)), false, true);
    float[] g = BACKEND.download(tape.inputGradient());
    double[] mass = new double[INPUTS];
    for (int i = 0; i < g.length; i++) {
      mass[i % INPUTS] += Math.abs(g[i]) / batch.rows();
    }
    return mass;
  }

  private static double share(double[] mass, int[] group) {
    double inGroup = 0;
    for (int d : group) {
      inGroup += mass[d];
    }
    double both = 0;
    for (int d = 0; d < 4; d++) {
      both += mass[d];
    }
    return inGroup / both;
  }

  private static double accuracy(Model m, EnvironmentBatch batch) {
    double[][] p = probabilities(m, batch);
    int correct = 0;
    for (int r = 0; r < batch.rows(); r++) {
      correct += (p[r][1] > p[r][0] ? 1 : 0) == batch.labels()[r] ? 1 : 0;
    }
    return (double) correct / batch.rows();
  }

  private static double[][] probabilities(Model m, EnvironmentBatch batch) {
    Tape tape = forward(m, batch);
    Tensor p = BACKEND.allocate(tape.logits().shape());
    BACKEND.softmax(tape.logits(), p);
    float[] f = BACKEND.download(p);
    double[][] out = new double[batch.rows()][2];
    for (int r = 0; r < batch.rows(); r++) {
      out[r][0] = f[2 * r];
      out[r][1] = f[2 * r + 1];
    }
    return out;
  }

  private static Tape forward(Model m, EnvironmentBatch batch) {
    Tape tape = m.newTape();
    tape.begin(BatchLayout.single(batch.rows()));
    BACKEND.upload(batch.features(), tape.input());
    m.forward(tape);
    return tape;
  }
}
