package io.invstream.trainer.step;

import static io.invstream.trainer.step.ReferenceConformanceTest.assertRelative;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.invstream.trainer.optim.AdamConfig;
import io.invstream.trainer.param.NamedTensor;
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
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The formulas themselves, in float64: this module's independent float64 objectives ({@link
 * ReferencePenalties}, {@link ReferenceExplanations}, {@link ReferenceAdam}), differentiated by
 * finite differences, must give PyTorch's autograd numbers (IRM's, Fishr's and RRR's through
 * double backprop) to {@value #TOLERANCE} relative in the max norm, and the same penalty values,
 * masks and algorithm state. Together with {@link ReferenceConformanceTest} (the float32 pipeline
 * against the same fixtures) this pins the trainer's closed forms to the published definitions.
 *
 * <p>Fixtures of the penalty algorithms keep every ReLU pre-activation 0.02 from zero, so they use
 * the fourth-order stencil (h = 1e-4, error ≈ 1e-11); the RRR, Fish and geometric-mean fixtures
 * (a CNN with max-pools among them) use the second-order one with h = 1e-6, which crosses no kink
 * (truncation ~1e-12·f''', rounding ~1e-10). Measured agreement: 2e-10 or better for the penalty
 * algorithms, 1.6e-9 for RRR and the geometric-mean AND-mask, 1e-8 for Fish.
 */
class ReferenceFormulaTest {

  static final double TOLERANCE = 1e-6;
  private static final double STEP = 1e-4;

  /**
   * The fixtures this class re-enacts: exactly the fixtures in the folder, so that none goes
   * missing and a new one is not only checked through the pipeline.
   */
  private static final Set<String> REENACTED = Set.of(
      "erm", "andmask", "andmask-geom-mean", "andmask-geom-mean-relaxed", "irm-split", "irm-squared", "vrex",
      "fishr", "coral", "dann", "fish", "rrr-mlp", "rrr-cnn", "rrr-ensemble-mlp", "rrr-ensemble-cnn");

  @Test
  void everyFixtureHasAFloat64Reenactment() {
    assertThat(ReferenceFixtures.available()).containsExactlyInAnyOrderElementsOf(REENACTED);
  }

  @Test
  void ermIsTheGradientOfThePooledCrossEntropy() {
    ReferenceFixture fixture = ReferenceFixtures.load("erm");
    for (ReferenceFixture.Step step : fixture.steps()) {
      check(fixture, step, "erm", ReferencePenalties::pooledLoss);
    }
  }

  @Test
  void andMaskIsTheMaskedMeanOfEnvironmentGradients() {
    ReferenceFixture fixture = ReferenceFixtures.load("andmask");
    double tau = hyperparameter(fixture, "tau");
    ReferenceModel model = ReferenceModel.of(fixture.model());
    for (ReferenceFixture.Step step : fixture.steps()) {
      double[] theta = ReferenceTensor.flatten(step.parameters());
      List<double[]> g = new ArrayList<>();
      for (EnvironmentBatch b : step.batch().environments()) {
        g.add(FiniteDifferences.gradientFourthOrder(p -> ReferenceLosses.loss(model, p, b), theta, STEP));
      }
      assertRelative(andMaskUpdate(g, tau, step.parameters(), false), expectedUpdate(step), TOLERANCE, "andmask update");
    }
  }

  @Test
  void geometricMeanAndMaskTakesTheSignedGeometricMeanOfKeptEntries() {
    for (String name : List.of("andmask-geom-mean", "andmask-geom-mean-relaxed")) {
      ReferenceFixture fixture = ReferenceFixtures.load(name);
      assertThat(fixture.hyperparameters()).containsEntry("method", "geom_mean");
      double tau = hyperparameter(fixture, "tau");
      ReferenceModel model = ReferenceModel.of(fixture.model());
      for (ReferenceFixture.Step step : fixture.steps()) {
        List<double[]> g =
            GradientChecks.environmentGradients(model, step.batch(), ReferenceTensor.flatten(step.parameters()));
        assertRelative(andMaskUpdate(g, tau, step.parameters(), true), expectedUpdate(step), TOLERANCE, name + " update");
      }
    }
  }

  @Test
  void irmSplitAndSquaredPenaltiesAreTheDummyScaleGradientProducts() {
    for (String name : List.of("irm-split", "irm-squared")) {
      ReferenceFixture fixture = ReferenceFixtures.load(name);
      boolean split = fixture.hyperparameters().get("estimator").equals("split");
      for (ReferenceFixture.Step step : fixture.steps()) {
        double w = annealedWeight(fixture, step, 1.0);
        check(fixture, step, name, passes -> ReferencePenalties.irm(passes, w, split));
        checkPenalty(fixture, step, "irm.penalty", passes -> ReferencePenalties.irmPenalty(passes, split));
      }
    }
  }

  @Test
  void vrexPenalisesTheBiasedVarianceOfTheRisks() {
    ReferenceFixture fixture = ReferenceFixtures.load("vrex");
    for (ReferenceFixture.Step step : fixture.steps()) {
      double w = annealedWeight(fixture, step, 1.0);
      check(fixture, step, "vrex", passes -> ReferencePenalties.vrex(passes, w));
      checkPenalty(fixture, step, "vrex.variance", ReferencePenalties::riskVariance);
    }
  }

  @Test
  void fishrMatchesCorrectedMovingAveragesOfClassifierGradientVariances() {
    ReferenceFixture fixture = ReferenceFixtures.load("fishr");
    double ema = hyperparameter(fixture, "ema");
    Map<String, double[]> averages = new HashMap<>();
    for (ReferenceFixture.Step step : fixture.steps()) {
      double w = annealedWeight(fixture, step, 0.0);
      check(fixture, step, "fishr", passes -> ReferencePenalties.fishr(passes, w, ema, averages));
      checkPenalty(fixture, step, "fishr.distance", passes -> ReferencePenalties.fishrDistance(passes, ema, averages));
      ReferencePenalties.commitFishrAverages(passes(fixture, step, ReferenceTensor.flatten(step.parameters())), ema, averages);
      for (ReferenceTensor expected : step.expected().state()) {
        String environment = expected.name().substring("ema/".length());
        assertRelative(averages.get(environment), expected.data(), TOLERANCE, "fishr average " + environment);
      }
    }
  }

  @Test
  void coralAveragesMeanAndCovarianceDistancesOverPairs() {
    ReferenceFixture fixture = ReferenceFixtures.load("coral");
    double gamma = hyperparameter(fixture, "gamma");
    for (ReferenceFixture.Step step : fixture.steps()) {
      check(fixture, step, "coral", passes -> ReferencePenalties.coral(passes, gamma));
      checkPenalty(fixture, step, "coral.penalty", ReferencePenalties::coralPenalty);
    }
  }

  @Test
  void dannAlternatesGeneratorUpdatesWithAdamStepsOfTheDiscriminator() {
    ReferenceFixture fixture = ReferenceFixtures.load("dann");
    double lambda = hyperparameter(fixture, "lambda");
    double lr = hyperparameter(fixture, "lrD");
    double beta1 = hyperparameter(fixture, "beta1");
    int width = (int) hyperparameter(fixture, "mlpWidth");
    ReferenceModel head = new ReferenceDense(4, width, width, 3);
    double[] phi = prefixed(widen(fixture.initialState().tensors()), "head/");
    for (ReferenceFixture.Step step : fixture.steps()) {
      double[] current = phi;
      if (step.expected().updateKind().equals("GRADIENT")) {
        check(fixture, step, "dann generator", passes -> ReferencePenalties.dannGenerator(passes, lambda, head, current));
        checkPenalty(fixture, step, "dann.discriminatorLoss", passes -> ReferencePenalties.discriminatorLoss(head, current, passes));
        continue;
      }
      List<ReferencePenalties.Pass> fixed = passes(fixture, step, ReferenceTensor.flatten(step.parameters()));
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

  @Test
  void fishWalksTheEnvironmentsWithPersistentInnerAdamAndStepsPartWay() {
    ReferenceFixture fixture = ReferenceFixtures.load("fish");
    double meta = hyperparameter(fixture, "metaLearningRate");
    ReferenceModel model = ReferenceModel.of(fixture.model());
    ReferenceAdam inner = null;
    for (ReferenceFixture.Step step : fixture.steps()) {
      double[] theta = ReferenceTensor.flatten(step.parameters());
      inner = inner != null ? inner : new ReferenceAdam((AdamConfig) fixture.optimizer(), theta.length);
      double[] walked = theta.clone();
      double innerLoss = 0;
      List<EnvironmentBatch> environments = step.batch().environments();
      for (EnvironmentBatch b : environments) {
        innerLoss += ReferenceLosses.loss(model, walked, b) / environments.size();
        inner.step(walked, FiniteDifferences.gradient(p -> ReferenceLosses.loss(model, p, b), walked));
      }
      double[] update = new double[theta.length];
      for (int j = 0; j < theta.length; j++) {
        update[j] = meta * (walked[j] - theta[j]);
      }
      assertRelative(update, expectedUpdate(step), TOLERANCE, "fish meta step " + step.updateCount());
      assertRelative(new double[] {innerLoss}, new double[] {step.expected().penalties().get("fish.innerLoss")},
          TOLERANCE, "fish.innerLoss " + step.updateCount());
    }
  }

  @Test
  void rrrPenalisesAnnotatedInputGradientsOfTheLogProbabilitySum() {
    for (String name : List.of("rrr-mlp", "rrr-cnn")) {
      ReferenceFixture fixture = ReferenceFixtures.load(name);
      for (ReferenceFixture.Step step : fixture.steps()) {
        checkRrr(fixture, step.batch().environments(), step, "rrr");
      }
    }
  }

  @Test
  void rrrEnsembleUnitesTheMaskWithTheFinishedMembersLargestGradientMarks() {
    for (String name : List.of("rrr-ensemble-mlp", "rrr-ensemble-cnn")) {
      ReferenceFixture fixture = ReferenceFixtures.load(name);
      ReferenceModel model = ReferenceModel.of(fixture.model());
      double cutoff = hyperparameter(fixture, "cutoff");
      List<double[]> members = finishedMembers(fixture);
      for (ReferenceFixture.Step step : fixture.steps()) {
        List<EnvironmentBatch> annotated = new ArrayList<>();
        double squares = 0;
        int entries = 0;
        for (int e = 0; e < step.environments().size(); e++) {
          EnvironmentBatch b = step.batch().environments().get(e);
          double[] union = b.mask() == null ? new double[b.rows() * b.cols()] : widen(b.mask());
          for (double[] member : members) {
            double[] marks = marks(ReferenceExplanations.inputGradient(model, member, ReferenceLosses.inputs(b)), cutoff);
            for (int i = 0; i < union.length; i++) {
              union[i] = Math.max(union[i], marks[i]);
            }
          }
          assertThat(union).as(name + " annotation of " + b.environment())
              .containsExactly(step.expected().annotations().get(e).data());
          for (double a : union) {
            squares += a * a;
          }
          entries += union.length;
          annotated.add(new EnvironmentBatch(b.environment(), b.rows(), b.cols(), b.features(), b.labels(),
              narrow(union), b.weights()));
        }
        checkRrr(fixture, annotated, step, "rrr-ensemble");
        assertThat(squares / entries).as(name + " annotated")
            .isCloseTo(step.expected().penalties().get("rrr-ensemble.annotated"), within(1e-12));
      }
    }
  }

  /**
   * Each environment's gradient of {@code J_e = L_e + λ P_e} (finite differences of the float64
   * objective, RRR's input gradient by forward mode), their pooled sum, and the pooled penalty.
   */
  private static void checkRrr(ReferenceFixture fixture, List<EnvironmentBatch> environments, ReferenceFixture.Step step,
      String prefix) {
    ReferenceModel model = ReferenceModel.of(fixture.model());
    double lambda = hyperparameter(fixture, "lambda");
    double[] theta = ReferenceTensor.flatten(step.parameters());
    double[] update = new double[theta.length];
    double weighted = 0;
    double total = 0;
    for (EnvironmentBatch b : environments) {
      total += ReferenceLosses.weightSum(b);
    }
    for (int e = 0; e < environments.size(); e++) {
      EnvironmentBatch b = environments.get(e);
      double[] g = FiniteDifferences.gradient(p -> ReferenceExplanations.objective(model, p, b, lambda), theta);
      String where = fixture.name() + " environment " + b.environment();
      assertRelative(g, ReferenceTensor.flatten(step.expected().environmentGradients().get(e)), TOLERANCE, where);
      double share = ReferenceLosses.weightSum(b) / total;
      for (int j = 0; j < theta.length; j++) {
        update[j] += share * g[j];
      }
      weighted += b.mask() == null ? 0 : share * ReferenceExplanations.penalty(model, theta, b, b.mask());
    }
    assertRelative(update, expectedUpdate(step), TOLERANCE, fixture.name() + " pooled update");
    double penalty = step.expected().penalties().get(prefix + ".penalty");
    assertThat(weighted).as(fixture.name() + " penalty").isCloseTo(penalty, within(1e-10 * penalty));
  }

  /** {@code 1[|g_nd| > cutoff · max_d |g_nd|]}, row-major. */
  private static double[] marks(double[][] g, double cutoff) {
    int cols = g[0].length;
    double[] out = new double[g.length * cols];
    for (int r = 0; r < g.length; r++) {
      double max = 0;
      for (double v : g[r]) {
        max = Math.max(max, Math.abs(v));
      }
      for (int d = 0; d < cols; d++) {
        out[r * cols + d] = Math.abs(g[r][d]) > cutoff * max ? 1 : 0;
      }
    }
    return out;
  }

  /** Flat parameters of each finished member ({@code member<i>/…} tensors) of the initial state. */
  private static List<double[]> finishedMembers(ReferenceFixture fixture) {
    int count = Integer.parseInt(fixture.initialState().value("finishedMembers"));
    List<ReferenceTensor> tensors = widen(fixture.initialState().tensors());
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(prefixed(tensors, "member" + i + "/"));
    }
    return out;
  }

  /**
   * AND-mask per parameter tensor: entries whose environments agree in sign ({@code |mean_e
   * sign(g_e)| ≥ τ}) keep the mean gradient (or, {@code geometric}, {@code sign(mean) · exp(mean_e
   * log(|g_e| + 1e-10))}), the rest are zero, and the tensor is divided by {@code 1e-10 + kept
   * fraction}.
   */
  private static double[] andMaskUpdate(List<double[]> g, double tau, List<ReferenceTensor> parameters, boolean geometric) {
    double[] out = new double[g.get(0).length];
    int offset = 0;
    for (ReferenceTensor p : parameters) {
      int size = p.data().length;
      int kept = 0;
      for (int j = offset; j < offset + size; j++) {
        double signs = 0;
        double mean = 0;
        double logs = 0;
        for (double[] ge : g) {
          signs += Math.signum(ge[j]) / g.size();
          mean += ge[j] / g.size();
          logs += Math.log(Math.abs(ge[j]) + 1e-10) / g.size();
        }
        boolean keep = Math.abs(signs) >= tau - 1e-9;
        kept += keep ? 1 : 0;
        out[j] = !keep ? 0 : geometric ? Math.signum(mean) * Math.exp(logs) : mean;
      }
      for (int j = offset; j < offset + size; j++) {
        out[j] /= 1e-10 + (double) kept / size;
      }
      offset += size;
    }
    return out;
  }

  private static void check(
      ReferenceFixture fixture, ReferenceFixture.Step step, String what, ToDoubleFunction<List<ReferencePenalties.Pass>> objective) {
    double[] theta = ReferenceTensor.flatten(step.parameters());
    double[] gradient =
        FiniteDifferences.gradientFourthOrder(p -> objective.applyAsDouble(passes(fixture, step, p)), theta, STEP);
    assertRelative(gradient, expectedUpdate(step), TOLERANCE, what + " update " + step.updateCount());
  }

  private static void checkPenalty(
      ReferenceFixture fixture, ReferenceFixture.Step step, String key, ToDoubleFunction<List<ReferencePenalties.Pass>> penalty) {
    double value = penalty.applyAsDouble(passes(fixture, step, ReferenceTensor.flatten(step.parameters())));
    assertRelative(new double[] {value}, new double[] {step.expected().penalties().get(key)}, TOLERANCE,
        fixture.name() + " " + key);
  }

  private static List<ReferencePenalties.Pass> passes(ReferenceFixture fixture, ReferenceFixture.Step step, double[] theta) {
    return ReferencePenalties.passes(ReferenceModel.of(fixture.model()), theta, step.batch().environments());
  }

  private static double[] expectedUpdate(ReferenceFixture.Step step) {
    return ReferenceTensor.flatten(step.expected().update());
  }

  private static double hyperparameter(ReferenceFixture fixture, String key) {
    return Double.parseDouble(fixture.hyperparameters().get(key));
  }

  private static double annealedWeight(ReferenceFixture fixture, ReferenceFixture.Step step, double before) {
    long anneal = Long.parseLong(fixture.hyperparameters().get("penaltyAnnealIters"));
    return step.updateCount() < anneal ? before : hyperparameter(fixture, "lambda");
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

  private static List<ReferenceTensor> widen(List<NamedTensor> tensors) {
    return tensors.stream().map(t -> new ReferenceTensor(t.name(), t.shape().dims(), widen(t.data()))).toList();
  }

  private static float[] narrow(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  private static double[] widen(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
