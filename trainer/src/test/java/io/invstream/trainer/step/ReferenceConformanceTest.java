package io.invstream.trainer.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.invstream.trainer.algorithm.AlgorithmRegistry;
import io.invstream.trainer.model.BatchLayout;
import io.invstream.trainer.model.Model;
import io.invstream.trainer.model.Tape;
import io.invstream.trainer.param.NamedTensor;
import io.invstream.trainer.param.SavedState;
import io.invstream.trainer.reference.ReferenceFixture;
import io.invstream.trainer.reference.ReferenceFixtures;
import io.invstream.trainer.reference.ReferenceTensor;
import io.invstream.trainer.tensor.Shape;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reference fixture run through the real float32 pipeline (registry → trainer → hooks →
 * combine): the combined update, the update kind, the environment losses, each environment's
 * gradient where the fixture gives it, the reported penalties and the exported algorithm state
 * must agree with PyTorch's float64 numbers; and RRR-ensemble's annotation marks, computed by the
 * backend's kernel, must be the fixture's exactly.
 *
 * <p>Tolerances are relative in the max norm ({@code ‖a − b‖∞ ≤ tol · ‖b‖∞}) and are float32
 * bounds, not 1e-6: inputs, parameters and every intermediate are rounded to 24 bits (unit
 * roundoff 6e-8), and a backend with another summation order (a GPU, another BLAS kernel) must
 * pass too.
 *
 * <ul>
 *   <li>Updates and environment gradients, {@value #GRADIENT_TOLERANCE}: measured at most 2.5e-7
 *       on the CPU backend (every algorithm, the CNN included).
 *   <li>Penalty values and state, {@value #SCALAR_TOLERANCE}: penalties are differences of nearly
 *       equal quantities (IRM's split product, V-REx's and Fishr's deviations from a mean,
 *       CORAL's covariance differences) that lose one to two further digits, and state holds
 *       squares (Adam's second moment). Measured at most 9.2e-7 for a penalty (IRM's split
 *       product) and 1.2e-6 for state.
 *   <li>Fish's update, {@value #ADAM_DELTA_TOLERANCE}: it is a sum of Adam steps, and Adam
 *       divides each entry by {@code √v}, so a small gradient entry's float32 rounding error is
 *       not scaled down with the entry but carried into a step of size ≈ lr like every other.
 *       Measured 6.9e-6 of the largest step.
 * </ul>
 *
 * <p>All are tight enough to catch a wrong factor, sign, weight, order of environments or a
 * missing term. The exact formulas are checked to 1e-6 in float64 by {@link
 * ReferenceFormulaTest}.
 */
class ReferenceConformanceTest {

  static final double GRADIENT_TOLERANCE = 2e-6;
  static final double SCALAR_TOLERANCE = 1e-5;
  static final double ADAM_DELTA_TOLERANCE = 1e-4;
  static final double LOSS_TOLERANCE = 1e-6;

  /** Fixtures whose update passes through optimiser steps inside the algorithm. */
  private static final Map<String, Double> UPDATE_TOLERANCE = Map.of("fish", ADAM_DELTA_TOLERANCE);

  private static final TensorBackend BACKEND = new Nd4jCpuBackend();

  static List<String> fixtures() {
    return ReferenceFixtures.available();
  }

  static List<String> ensembleFixtures() {
    return fixtures().stream().filter(name -> ReferenceFixtures.load(name).algorithm().equals("rrr-ensemble")).toList();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void pipelineMatchesThePyTorchReference(String name) {
    ReferenceFixture fixture = ReferenceFixtures.load(name);
    RecordingAlgorithm algorithm =
        new RecordingAlgorithm(
            AlgorithmRegistry.standard().create(fixture.algorithm(), fixture.hyperparameters(), new SplittableRandom(1)));
    Trainer trainer =
        Trainer.create(BACKEND, fixture.model(), fixture.optimizer(), algorithm, TrainerConfig.DEFAULTS, new SplittableRandom(1));
    if (fixture.initialState() != null) {
      algorithm.importState(fixture.initialState());
    }
    double updateTolerance = UPDATE_TOLERANCE.getOrDefault(name, GRADIENT_TOLERANCE);
    for (ReferenceFixture.Step step : fixture.steps()) {
      String where = name + " update " + step.updateCount();
      assertThat(trainer.updates()).as(where + ": updates before the step").isEqualTo(step.updateCount());
      trainer.model().parameters().load(BACKEND, ReferenceTensor.toNamedTensors(step.parameters()));
      StepReport report = trainer.step(step.batch());
      assertThat(report.applied()).as(where + " applied").isTrue();
      assertThat(algorithm.kind.name()).as(where + " update kind").isEqualTo(step.expected().updateKind());
      assertRelative(algorithm.update, ReferenceTensor.flatten(step.expected().update()), updateTolerance, where + " update");
      for (int e = 0; e < step.environments().size(); e++) {
        assertThat(report.environments().get(e).loss())
            .as(where + " loss of environment " + e)
            .isCloseTo(step.expected().losses()[e], within(LOSS_TOLERANCE));
      }
      List<List<ReferenceTensor>> gradients = step.expected().environmentGradients();
      for (int e = 0; e < gradients.size(); e++) {
        assertRelative(algorithm.environmentGradients.get(e), ReferenceTensor.flatten(gradients.get(e)),
            GRADIENT_TOLERANCE, where + " gradient of environment " + e);
      }
      step.expected().penalties().forEach(
          (key, value) -> {
            assertThat(report.penalties()).as(where).containsKey(key);
            assertRelative(new double[] {report.penalties().get(key)}, new double[] {value}, SCALAR_TOLERANCE, where + " " + key);
          });
      Map<String, NamedTensor> state =
          algorithm.exportState().tensors().stream().collect(Collectors.toMap(NamedTensor::name, Function.identity()));
      for (ReferenceTensor expected : step.expected().state()) {
        assertThat(state).as(where + " exported state").containsKey(expected.name());
        assertRelative(widen(state.get(expected.name()).data()), expected.data(), SCALAR_TOLERANCE,
            where + " state " + expected.name());
      }
    }
  }

  /**
   * The annotation each environment trains with: its mask united with the marks of every finished
   * member of the initial state, computed as {@code FrozenMembers} does (input-gradient backward
   * of {@code Σ_k log p_k}, then the backend's {@code markLargeMagnitudes}).
   */
  @ParameterizedTest
  @MethodSource("ensembleFixtures")
  void finishedMembersMarksMatchExactly(String name) {
    ReferenceFixture fixture = ReferenceFixtures.load(name);
    float cutoff = Float.parseFloat(fixture.hyperparameters().get("cutoff"));
    List<Model> members = finishedMembers(fixture);
    for (ReferenceFixture.Step step : fixture.steps()) {
      for (int e = 0; e < step.environments().size(); e++) {
        EnvironmentBatch b = step.batch().environments().get(e);
        Tensor mask = BACKEND.allocate(Shape.of(b.rows(), b.cols()));
        if (b.mask() == null) {
          BACKEND.fill(mask, 0f);
        } else {
          BACKEND.upload(b.mask(), mask);
        }
        for (Model member : members) {
          mark(member, b, cutoff, mask);
        }
        assertThat(widen(BACKEND.download(mask))).as(name + " annotation of " + b.environment())
            .containsExactly(step.expected().annotations().get(e).data());
      }
    }
  }

  /** The finished members {@code member<i>/…} of the fixture's initial state, each as a model. */
  private static List<Model> finishedMembers(ReferenceFixture fixture) {
    SavedState initial = fixture.initialState();
    List<Model> members = new ArrayList<>();
    for (int i = 0; i < Integer.parseInt(initial.value("finishedMembers")); i++) {
      String prefix = "member" + i + "/";
      Model member = fixture.model().build(BACKEND, new SplittableRandom(1));
      member.parameters().load(BACKEND, initial.tensors().stream().filter(t -> t.name().startsWith(prefix))
          .map(t -> new NamedTensor(t.name().substring(prefix.length()), t.shape(), t.data())).toList());
      members.add(member);
    }
    return members;
  }

  /** Unites {@code mask} with {@code 1[|G_nd| > cutoff · max_d |G_nd|]}, {@code G = ∂/∂x Σ_k log p_k}. */
  private static void mark(Model model, EnvironmentBatch b, float cutoff, Tensor mask) {
    Tape tape = model.newTape();
    tape.begin(BatchLayout.single(b.rows()));
    BACKEND.upload(b.features(), tape.input());
    model.forward(tape);
    Tensor p = BACKEND.allocate(tape.logits().shape());
    BACKEND.softmax(tape.logits(), p);
    BACKEND.fill(tape.logitGradient(), 1f);
    BACKEND.axpy(-model.classes(), p, tape.logitGradient());
    model.backward(tape, List.of(model.layout().allocate(BACKEND)), false, true);
    BACKEND.markLargeMagnitudes(tape.inputGradient(), cutoff, mask);
  }

  /** {@code ‖actual − expected‖∞ ≤ tolerance · ‖expected‖∞}; all-zero expectations must be exact. */
  static void assertRelative(double[] actual, double[] expected, double tolerance, String what) {
    assertThat(actual).as(what + " size").hasSameSizeAs(expected);
    double scale = 0;
    double error = 0;
    for (int i = 0; i < expected.length; i++) {
      scale = Math.max(scale, Math.abs(expected[i]));
      error = Math.max(error, Math.abs(actual[i] - expected[i]));
    }
    assertThat(error).as("%s: max |actual − expected| with max |expected| = %s", what, scale).isLessThanOrEqualTo(tolerance * scale);
  }

  private static double[] widen(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
