package io.invstream.trainer.step;

import static io.invstream.trainer.reference.FixtureJson.doubles;
import static io.invstream.trainer.reference.FixtureJson.floats;
import static io.invstream.trainer.reference.FixtureJson.ints;
import static io.invstream.trainer.reference.FixtureJson.list;
import static io.invstream.trainer.reference.FixtureJson.number;
import static io.invstream.trainer.reference.FixtureJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.invstream.trainer.algorithm.AndMask;
import io.invstream.trainer.algorithm.AndMaskHyperparameters;
import io.invstream.trainer.algorithm.Fish;
import io.invstream.trainer.algorithm.InvariantAlgorithm;
import io.invstream.trainer.algorithm.FishHyperparameters;
import io.invstream.trainer.algorithm.Rrr;
import io.invstream.trainer.algorithm.RrrHyperparameters;
import io.invstream.trainer.model.BatchLayout;
import io.invstream.trainer.model.Cnn;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.model.Model;
import io.invstream.trainer.model.ModelSpec;
import io.invstream.trainer.model.Tape;
import io.invstream.trainer.optim.AdamConfig;
import io.invstream.trainer.optim.OptimizerConfig;
import io.invstream.trainer.optim.SgdConfig;
import io.invstream.trainer.param.NamedTensor;
import io.invstream.trainer.reference.FiniteDifferences;
import io.invstream.trainer.reference.FixtureJson;
import io.invstream.trainer.reference.ReferenceCnn;
import io.invstream.trainer.reference.ReferenceDense;
import io.invstream.trainer.reference.ReferenceModel;
import io.invstream.trainer.tensor.Shape;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Conformance with PyTorch float64 computations of the published formulas (fixtures written by
 * {@code src/test/python/reference_{rrr,fish,andmask_geom_mean}.py}, RRR with double backprop).
 * Each fixture is checked twice:
 *
 * <ul>
 *   <li><b>float64 path</b>: this module's independent float64 re-enactment (finite differences of
 *       the float64 objective; RRR's input gradient by forward mode) must agree to {@code 1e-6}
 *       of the largest entry of the compared tensor. This pins the <em>formula</em> (normalisation,
 *       weights, sum over classes, order of inner steps) to the published one; the residual is
 *       the finite-difference error (step 1e-6: truncation ~1e-12·f''', rounding ~1e-10).
 *   <li><b>float32 path</b>: the trainer itself, whose arithmetic is float32 (rounding 6e-8
 *       relative), so it cannot meet 1e-6 of the float64 result everywhere. RRR gradients and the
 *       geometric-mean update agree to 2e-7 of the tensor's largest entry (measured), so the
 *       tolerance is {@code 2e-6} of it for every entry. Fish's meta step is looser: Adam divides
 *       each entry by {@code √v}, so a small gradient entry's float32 rounding error is not scaled
 *       down with the entry but carried into a step of size ≈ lr like every other; measured up
 *       to 1.3e-5 of the largest step, tolerance {@code 1e-4}. Both are tight enough to catch a wrong factor, sign,
 *       weight, order of environments or a missing term.
 * </ul>
 *
 * <p>Measured float64-path residuals: below 2e-9 (RRR, AND-mask) and 1e-8 (Fish) of the largest
 * entry.
 */
class TorchConformanceTest {

  private static final TensorBackend BACKEND = new Nd4jCpuBackend();
  private static final double FLOAT64_TOLERANCE = 1e-6;
  private static final double FLOAT32_TOLERANCE = 2e-6;
  private static final double FISH_FLOAT32_TOLERANCE = 1e-4;

  @Test
  void rrrGradientsPenaltyAndMarksMatchPyTorch() {
    Map<String, Object> fixture = FixtureJson.load("rrr.json");
    for (Object c : list(fixture, "cases")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> rrrCase = (Map<String, Object>) c;
      String name = (String) rrrCase.get("name");
      ModelSpec spec = spec(object(rrrCase, "model"));
      ReferenceModel reference = reference(object(rrrCase, "model"));
      double lambda = number(rrrCase, "lambda");
      List<NamedTensor> parameters = parameters(object(rrrCase, "parameters"));
      TrainingBatch batch = batch(list(rrrCase, "environments"), spec.inputs());
      Map<String, Object> expected = object(rrrCase, "expected");
      List<double[]> gradients = new ArrayList<>();
      for (Object g : list(expected, "environmentGradients")) {
        @SuppressWarnings("unchecked")
        Map<String, Object> byName = (Map<String, Object>) g;
        gradients.add(flatten(byName, parameters));
      }

      // float64 path
      double[] theta = flatten(parameters);
      double weighted = 0;
      double weight = 0;
      for (int e = 0; e < gradients.size(); e++) {
        EnvironmentBatch b = batch.environments().get(e);
        double[] fd = FiniteDifferences.gradient(p -> ReferenceExplanations.objective(reference, p, b, lambda), theta);
        assertAgree(fd, gradients.get(e), FLOAT64_TOLERANCE, 0, name + " float64 env " + e);
        weighted += b.mask() == null ? 0 : ReferenceLosses.weightSum(b) * ReferenceExplanations.penalty(reference, theta, b, b.mask());
        weight += ReferenceLosses.weightSum(b);
      }
      double penalty = number(expected, "penalty");
      assertThat(weighted / weight).isCloseTo(penalty, within(1e-10 * penalty));
      EnvironmentBatch first = batch.environments().get(0);
      double[] marks = doubles(expected.get("largestGradientMarks"));
      double[][] g = ReferenceExplanations.inputGradient(reference, theta, ReferenceLosses.inputs(first));
      assertThat(marks(g, number(rrrCase, "cutoff"))).as(name + " float64 marks").containsExactly(marks);

      // float32 path: the trainer
      RecordingAlgorithm recorder = new RecordingAlgorithm(new Rrr(new RrrHyperparameters(lambda)));
      Trainer t = trainer(spec, new SgdConfig(0.1, 0, 0), recorder, parameters);
      assertThat(float32Marks(t.model(), first, (float) number(rrrCase, "cutoff"))).as(name + " float32 marks")
          .containsExactly(marks);
      StepReport report = t.step(batch);
      for (int e = 0; e < gradients.size(); e++) {
        assertAgree(recorder.environmentGradients.get(e), gradients.get(e), FLOAT32_TOLERANCE, 0, name + " float32 env " + e);
      }
      assertThat(report.penalties().get("rrr.penalty")).isCloseTo(penalty, within(1e-5 * penalty));
    }
  }

  @Test
  void fishUpdatesMatchPyTorch() {
    Map<String, Object> fixture = FixtureJson.load("fish.json");
    Map<String, Object> adam = object(fixture, "adam");
    AdamConfig config = new AdamConfig(number(adam, "learningRate"), number(adam, "beta1"), number(adam, "beta2"),
        number(adam, "epsilon"), number(adam, "weightDecay"));
    double meta = number(fixture, "metaLearningRate");
    ModelSpec spec = spec(object(fixture, "model"));
    ReferenceModel reference = reference(object(fixture, "model"));
    List<NamedTensor> parameters = parameters(object(fixture, "parameters"));
    Trainer t = trainer(spec, config, new Fish(new FishHyperparameters(meta)), parameters);
    double[] theta64 = flatten(parameters);
    ReferenceAdam inner = new ReferenceAdam(config, theta64.length);
    for (Object u : list(fixture, "updates")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> update = (Map<String, Object>) u;
      TrainingBatch batch = batch(list(update, "environments"), spec.inputs());
      double[] expected = flatten(object(update, "parameters"), parameters);

      double[] walked = theta64.clone();
      for (EnvironmentBatch b : batch.environments()) {
        inner.step(walked, FiniteDifferences.gradient(p -> ReferenceLosses.loss(reference, p, b), walked));
      }
      double[] before = theta64.clone();
      for (int j = 0; j < theta64.length; j++) {
        theta64[j] += meta * (walked[j] - theta64[j]);
      }
      assertAgree(difference(theta64, before), difference(expected, before), FLOAT64_TOLERANCE, 0, "float64 meta step");

      double[] before32 = GradientChecks.theta(BACKEND, t);
      t.step(batch);
      assertAgree(difference(GradientChecks.theta(BACKEND, t), before32), difference(expected, before32),
          FISH_FLOAT32_TOLERANCE, 0, "float32 meta step");
      theta64 = expected;
    }
  }

  @Test
  void andMaskGeometricMeanMatchesPyTorch() {
    Map<String, Object> fixture = FixtureJson.load("andmask_geom_mean.json");
    ModelSpec spec = spec(object(fixture, "model"));
    ReferenceModel reference = reference(object(fixture, "model"));
    List<NamedTensor> parameters = parameters(object(fixture, "parameters"));
    TrainingBatch batch = batch(list(fixture, "environments"), spec.inputs());
    List<double[]> fd = GradientChecks.environmentGradients(reference, batch, flatten(parameters));
    for (Object c : list(fixture, "cases")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> geomCase = (Map<String, Object>) c;
      double tau = number(geomCase, "tau");
      double[] expected = flatten(object(geomCase, "update"), parameters);
      assertAgree(geometricMeanUpdate(fd, tau, parameters), expected, FLOAT64_TOLERANCE, 0, "float64 tau=" + tau);
      RecordingAlgorithm recorder = new RecordingAlgorithm(
          new AndMask(new AndMaskHyperparameters(tau, AndMaskHyperparameters.GEOMETRIC_MEAN)));
      trainer(spec, new SgdConfig(0.1, 0, 0), recorder, parameters).step(batch);
      assertAgree(recorder.update, expected, FLOAT32_TOLERANCE, 0, "float32 tau=" + tau);
    }
  }

  /** {@code |a − e| ≤ scaled·max|e| + relative·|e|} entry by entry. */
  private static void assertAgree(double[] actual, double[] expected, double scaled, double relative, String what) {
    double max = GradientChecks.maxAbs(expected);
    assertThat(max).as(what + ": a fixture of zeros proves nothing").isPositive();
    GradientChecks.assertClose(actual, expected, what, scaled * max, relative);
  }

  private static double[] geometricMeanUpdate(List<double[]> g, double tau, List<NamedTensor> parameters) {
    int n = g.get(0).length;
    double[] out = new double[n];
    int offset = 0;
    for (NamedTensor p : parameters) {
      int size = (int) p.shape().size();
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
        out[j] = keep ? Math.signum(mean) * Math.exp(logs) : 0;
      }
      for (int j = offset; j < offset + size; j++) {
        out[j] /= 1e-10 + (double) kept / size;
      }
      offset += size;
    }
    return out;
  }

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

  /** The marks as rrr-ensemble computes them: input-gradient backward, then the backend kernel. */
  private static double[] float32Marks(Model model, EnvironmentBatch b, float cutoff) {
    Tape tape = model.newTape();
    tape.begin(BatchLayout.single(b.rows()));
    BACKEND.upload(b.features(), tape.input());
    model.forward(tape);
    Tensor p = BACKEND.allocate(tape.logits().shape());
    BACKEND.softmax(tape.logits(), p);
    BACKEND.fill(tape.logitGradient(), 1f);
    BACKEND.axpy(-model.classes(), p, tape.logitGradient());
    model.backward(tape, List.of(model.layout().allocate(BACKEND)), false, true);
    Tensor mask = BACKEND.allocate(Shape.of(b.rows(), b.cols()));
    BACKEND.markLargeMagnitudes(tape.inputGradient(), cutoff, mask);
    float[] f = BACKEND.download(mask);
    double[] out = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      out[i] = f[i];
    }
    return out;
  }

  /** A trainer whose model holds the fixture's parameters (names and shapes are checked). */
  private static Trainer trainer(
      ModelSpec spec, OptimizerConfig optimizer, InvariantAlgorithm algorithm, List<NamedTensor> parameters) {
    Trainer t = Trainer.create(BACKEND, spec, optimizer, algorithm, TrainerConfig.DEFAULTS, new SplittableRandom(1));
    t.model().parameters().load(BACKEND, parameters);
    return t;
  }

  @SuppressWarnings("unchecked")
  private static ModelSpec spec(Map<String, Object> model) {
    int classes = (int) number(model, "classes");
    return switch ((String) model.get("kind")) {
      case "mlp" -> new Mlp((int) number(model, "inputs"),
          ((List<Object>) model.get("hidden")).stream().map(h -> (int) (double) (Double) h).toList(), classes);
      case "cnn" -> new Cnn((int) number(model, "channels"), (int) number(model, "height"), (int) number(model, "width"),
          (int) number(model, "filters1"), (int) number(model, "filters2"), classes);
      default -> throw new IllegalArgumentException("unknown model kind " + model.get("kind"));
    };
  }

  private static ReferenceModel reference(Map<String, Object> model) {
    ModelSpec spec = spec(model);
    if (spec instanceof Cnn c) {
      return new ReferenceCnn(c.channels(), c.height(), c.width(), c.filters1(), c.filters2(), c.classes());
    }
    Mlp m = (Mlp) spec;
    int[] widths = new int[m.hidden().size() + 2];
    widths[0] = m.inputs();
    for (int i = 0; i < m.hidden().size(); i++) {
      widths[i + 1] = m.hidden().get(i);
    }
    widths[widths.length - 1] = m.classes();
    return new ReferenceDense(widths);
  }

  @SuppressWarnings("unchecked")
  private static List<NamedTensor> parameters(Map<String, Object> byName) {
    List<NamedTensor> out = new ArrayList<>();
    byName.forEach((name, value) -> {
      Map<String, Object> t = (Map<String, Object>) value;
      out.add(new NamedTensor(name, Shape.of(ints(t.get("shape"))), floats(t.get("data"))));
    });
    return out;
  }

  /** Parameters concatenated in the fixture's (= the model's layout) order. */
  private static double[] flatten(List<NamedTensor> parameters) {
    List<Double> values = new ArrayList<>();
    for (NamedTensor t : parameters) {
      for (float v : t.data()) {
        values.add((double) v);
      }
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Flat values stored by parameter name, concatenated in the order of {@code layout}. */
  private static double[] flatten(Map<String, Object> byName, List<NamedTensor> layout) {
    List<Double> values = new ArrayList<>();
    for (NamedTensor t : layout) {
      for (double v : doubles(byName.get(t.name()))) {
        values.add(v);
      }
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static TrainingBatch batch(List<Object> environments, int cols) {
    List<EnvironmentBatch> out = new ArrayList<>();
    for (Object o : environments) {
      @SuppressWarnings("unchecked")
      Map<String, Object> e = (Map<String, Object>) o;
      out.add(new EnvironmentBatch((String) e.get("name"), (int) number(e, "rows"), cols, floats(e.get("features")),
          ints(e.get("labels")), floats(e.get("mask")), floats(e.get("weights"))));
    }
    return new TrainingBatch(out);
  }

  private static double[] difference(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] - b[i];
    }
    return out;
  }
}
