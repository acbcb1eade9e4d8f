package io.invstream.trainer.step;

import static io.invstream.trainer.step.ReferenceConformanceTest.assertRelative;

import io.invstream.trainer.reference.FiniteDifferences;
import io.invstream.trainer.reference.ReferenceDense;
import io.invstream.trainer.reference.ReferenceFixture;
import io.invstream.trainer.reference.ReferenceFixtures;
import io.invstream.trainer.reference.ReferenceModel;
import io.invstream.trainer.reference.ReferenceTensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The formulas themselves, in float64: this branch's independent float64 objectives ({@link
 * ReferencePenalties}), differentiated by fourth-order finite differences, must give PyTorch's
 * autograd numbers (IRM's and Fishr's through double backprop) to {@value #TOLERANCE} relative in
 * the max norm, and the same penalty values and algorithm state. Together with {@link
 * ReferenceConformanceTest} (the float32 pipeline against the same fixtures) this pins the
 * trainer's closed forms to the published definitions. Measured agreement is 3e-11 or better; the
 * finite differences' own error (≈ 1e-11 absolute) is far below the tolerance.
 */
class ReferenceFormulaTest {

  static final double TOLERANCE = 1e-6;
  private static final double STEP = 1e-4;
  private static final ReferenceModel MLP = new ReferenceDense(5, 4, 3);

  @Test
  void ermIsTheGradientOfThePooledCrossEntropy() {
    for (ReferenceFixture.Step step : ReferenceFixtures.load("erm").steps()) {
      check(step, "erm", ReferencePenalties::pooledLoss);
    }
  }

  @Test
  void andMaskIsTheMaskedMeanOfEnvironmentGradients() {
    ReferenceFixture fixture = ReferenceFixtures.load("andmask");
    double tau = Double.parseDouble(fixture.hyperparameters().get("tau"));
    for (ReferenceFixture.Step step : fixture.steps()) {
      double[] theta = ReferenceTensor.flatten(step.parameters());
      List<double[]> g = new ArrayList<>();
      for (EnvironmentBatch b : step.batch().environments()) {
        g.add(FiniteDifferences.gradientFourthOrder(p -> ReferenceLosses.loss(MLP, p, b), theta, STEP));
      }
      double[] update = new double[theta.length];
      int offset = 0;
      for (ReferenceTensor tensor : step.parameters()) {
        int size = tensor.data().length;
        int kept = 0;
        for (int j = offset; j < offset + size; j++) {
          double signs = 0;
          for (double[] ge : g) {
            signs += Math.signum(ge[j]) / g.size();
            update[j] += ge[j] / g.size();
          }
          if (Math.abs(signs) >= tau) {
            kept++;
          } else {
            update[j] = 0;
          }
        }
        for (int j = offset; j < offset + size; j++) {
          update[j] /= 1e-10 + (double) kept / size;
        }
        offset += size;
      }
      assertRelative(update, ReferenceTensor.flatten(step.expected().update()), TOLERANCE, "andmask update");
    }
  }

  @Test
  void irmSplitAndSquaredPenaltiesAreTheDummyScaleGradientProducts() {
    for (String name : List.of("irm-split", "irm-squared")) {
      ReferenceFixture fixture = ReferenceFixtures.load(name);
      boolean split = fixture.hyperparameters().get("estimator").equals("split");
      for (ReferenceFixture.Step step : fixture.steps()) {
        double w = annealedWeight(fixture, step, 1.0);
        check(step, name, passes -> ReferencePenalties.irm(passes, w, split));
        checkPenalty(step, name, "irm.penalty", passes -> ReferencePenalties.irmPenalty(passes, split));
      }
    }
  }

  @Test
  void vrexPenalisesTheBiasedVarianceOfTheRisks() {
    ReferenceFixture fixture = ReferenceFixtures.load("vrex");
    for (ReferenceFixture.Step step : fixture.steps()) {
      double w = annealedWeight(fixture, step, 1.0);
      check(step, "vrex", passes -> ReferencePenalties.vrex(passes, w));
      checkPenalty(step, "vrex", "vrex.variance", ReferencePenalties::riskVariance);
    }
  }

  @Test
  void fishrMatchesCorrectedMovingAveragesOfClassifierGradientVariances() {
    ReferenceFixture fixture = ReferenceFixtures.load("fishr");
    double ema = Double.parseDouble(fixture.hyperparameters().get("ema"));
    Map<String, double[]> averages = new HashMap<>();
    for (ReferenceFixture.Step step : fixture.steps()) {
      double w = annealedWeight(fixture, step, 0.0);
      check(step, "fishr", passes -> ReferencePenalties.fishr(passes, w, ema, averages));
      checkPenalty(step, "fishr", "fishr.distance", passes -> ReferencePenalties.fishrDistance(passes, ema, averages));
      ReferencePenalties.commitFishrAverages(passes(step, ReferenceTensor.flatten(step.parameters())), ema, averages);
      for (ReferenceTensor expected : step.expected().state()) {
        String environment = expected.name().substring("ema/".length());
        assertRelative(averages.get(environment), expected.data(), TOLERANCE, "fishr average " + environment);
      }
    }
  }

  @Test
  void coralAveragesMeanAndCovarianceDistancesOverPairs() {
    ReferenceFixture fixture = ReferenceFixtures.load("coral");
    double gamma = Double.parseDouble(fixture.hyperparameters().get("gamma"));
    for (ReferenceFixture.Step step : fixture.steps()) {
      check(step, "coral", passes -> ReferencePenalties.coral(passes, gamma));
      checkPenalty(step, "coral", "coral.penalty", ReferencePenalties::coralPenalty);
    }
  }

  @Test
  void dannAlternatesGeneratorUpdatesWithAdamStepsOfTheDiscriminator() {
    ReferenceFixture fixture = ReferenceFixtures.load("dann");
    double lambda = Double.parseDouble(fixture.hyperparameters().get("lambda"));
    double lr = Double.parseDouble(fixture.hyperparameters().get("lrD"));
    double beta1 = Double.parseDouble(fixture.hyperparameters().get("beta1"));
    int width = Integer.parseInt(fixture.hyperparameters().get("mlpWidth"));
    ReferenceModel head = new ReferenceDense(4, width, width, 3);
    double[] phi = prefixed(fixture.initialState().tensors().stream()
        .map(t -> new ReferenceTensor(t.name(), t.shape().dims(), widen(t.data()))).toList(), "head/");
    for (ReferenceFixture.Step step : fixture.steps()) {
      double[] current = phi;
      if (step.expected().updateKind().equals("GRADIENT")) {
        check(step, "dann generator", passes -> ReferencePenalties.dannGenerator(passes, lambda, head, current));
        checkPenalty(step, "dann", "dann.discriminatorLoss", passes -> ReferencePenalties.discriminatorLoss(head, current, passes));
        continue;
      }
      List<ReferencePenalties.Pass> fixed = passes(step, ReferenceTensor.flatten(step.parameters()));
      double[] g = FiniteDifferences.gradientFourthOrder(q -> ReferencePenalties.discriminatorLoss(head, q, fixed), phi, STEP);
      // First Adam step from zero moments: m = (1 − β1) g, v = (1 − β2) g², bias-corrected m̂ = g, v̂ = g².
      double[] m = new double[g.length];
      double[] v = new double[g.length];
      double[] next = new double[g.length];
      for (int i = 0; i < g.length; i++) {
        m[i] = (1 - beta1) * g[i];
        v[i] = (1 - 0.9) * g[i] * g[i];
        next[i] = phi[i] - lr * (m[i] / (1 - beta1)) / (Math.sqrt(v[i] / (1 - 0.9)) + 1e-8);
      }
      List<ReferenceTensor> state = step.expected().state();
      assertRelative(delta(next, phi), delta(prefixed(state, "head/"), phi), TOLERANCE, "dann discriminator step");
      assertRelative(m, prefixed(state, "optimizer/m/"), TOLERANCE, "dann first moment");
      assertRelative(v, prefixed(state, "optimizer/v/"), TOLERANCE, "dann second moment");
      phi = prefixed(state, "head/");
    }
  }

  private static void check(ReferenceFixture.Step step, String what, ToDoubleFunction<List<ReferencePenalties.Pass>> objective) {
    double[] theta = ReferenceTensor.flatten(step.parameters());
    double[] gradient = FiniteDifferences.gradientFourthOrder(p -> objective.applyAsDouble(passes(step, p)), theta, STEP);
    assertRelative(gradient, ReferenceTensor.flatten(step.expected().update()), TOLERANCE, what + " update " + step.updateCount());
  }

  private static void checkPenalty(
      ReferenceFixture.Step step, String what, String key, ToDoubleFunction<List<ReferencePenalties.Pass>> penalty) {
    double value = penalty.applyAsDouble(passes(step, ReferenceTensor.flatten(step.parameters())));
    assertRelative(new double[] {value}, new double[] {step.expected().penalties().get(key)}, TOLERANCE, what + " " + key);
  }

  private static List<ReferencePenalties.Pass> passes(ReferenceFixture.Step step, double[] theta) {
    return ReferencePenalties.passes(MLP, theta, step.batch().environments());
  }

  private static double annealedWeight(ReferenceFixture fixture, ReferenceFixture.Step step, double before) {
    long anneal = Long.parseLong(fixture.hyperparameters().get("penaltyAnnealIters"));
    return step.updateCount() < anneal ? before : Double.parseDouble(fixture.hyperparameters().get("lambda"));
  }

  /** The tensors whose names start with {@code prefix}, concatenated in the order listed. */
  private static double[] prefixed(List<ReferenceTensor> tensors, String prefix) {
    return ReferenceTensor.flatten(tensors.stream().filter(t -> t.name().startsWith(prefix)).toList());
  }

  private static double[] delta(double[] after, double[] before) {
    double[] d = new double[after.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = after[i] - before[i];
    }
    return d;
  }

  private static double[] widen(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
