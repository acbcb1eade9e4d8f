package io.invstream.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.invstream.trainer.param.GradientStack;
import io.invstream.trainer.reference.FiniteDifferences;
import io.invstream.trainer.reference.HostTensors;
import io.invstream.trainer.reference.ReferenceCnn;
import io.invstream.trainer.reference.ReferenceDense;
import io.invstream.trainer.reference.ReferenceModel;
import io.invstream.trainer.tensor.TensorBackend;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-written backward passes against central finite differences of an independent float64
 * forward pass, for J = Σ R⊙logits + Σ Q⊙features with random R, Q: this exercises the logit
 * gradient, the extra feature gradient, per-segment parameter gradients and the input gradient.
 */
class ModelGradientTest {

  private static final TensorBackend BACKEND = new Nd4jCpuBackend();
  private static final BatchLayout LAYOUT = new BatchLayout(new int[] {3, 2});

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of(new LogisticRegression(5, 3), new ReferenceDense(5, 3)),
        Arguments.of(new Mlp(6, List.of(5, 4), 3), new ReferenceDense(6, 5, 4, 3)),
        Arguments.of(new Mlp(4, List.of(7), 2), new ReferenceDense(4, 7, 2)),
        Arguments.of(new Cnn(2, 8, 8, 3, 4, 3), new ReferenceCnn(2, 8, 8, 3, 4, 3)),
        Arguments.of(new Cnn(1, 4, 8, 2, 2, 2), new ReferenceCnn(1, 4, 8, 2, 2, 2)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void backwardMatchesFiniteDifferences(ModelSpec spec, ReferenceModel reference) {
    SplittableRandom random = new SplittableRandom(11);
    Model model = spec.build(BACKEND, random);
    int n = LAYOUT.totalRows();
    double[][] x = HostTensors.random(random, n, model.inputSize(), 1.0);
    double[][] r = HostTensors.random(random, n, model.classes(), 1.0);
    double[][] q = HostTensors.random(random, n, model.featureSize(), 1.0);

    Tape tape = model.newTape();
    tape.begin(LAYOUT);
    BACKEND.upload(HostTensors.floats(x), tape.input());
    model.forward(tape);
    BACKEND.upload(HostTensors.floats(r), tape.logitGradient());
    BACKEND.upload(HostTensors.floats(q), tape.featureGradient());
    GradientStack grads = new GradientStack(BACKEND, model.layout(), LAYOUT.segments());
    model.backward(tape, List.of(grads.environment(0), grads.environment(1)), true, true);

    double[] theta = HostTensors.flatten(BACKEND, model.parameters());
    ReferenceModel.Output out = reference.forward(theta, x);
    assertClose(HostTensors.matrix(BACKEND, tape.logits()), out.logits(), 1e-5);
    assertClose(HostTensors.matrix(BACKEND, tape.features()), out.features(), 1e-5);

    for (int s = 0; s < LAYOUT.segments(); s++) {
      int from = LAYOUT.start(s);
      int to = from + LAYOUT.rows(s);
      double[][] xs = HostTensors.rows(x, from, to);
      double[] expected =
          FiniteDifferences.gradient(p -> objective(reference.forward(p, xs), r, q, from), theta);
      assertClose(HostTensors.flatten(BACKEND, grads.environment(s)), expected);
    }
    double[] flatX = flatten(x);
    double[] expectedInput =
        FiniteDifferences.gradient(
            v -> objective(reference.forward(theta, unflatten(v, n)), r, q, 0), flatX);
    assertClose(flatten(HostTensors.matrix(BACKEND, tape.inputGradient())), expectedInput);
  }

  private static double objective(ReferenceModel.Output out, double[][] r, double[][] q, int rowOffset) {
    double j = 0;
    for (int i = 0; i < out.logits().length; i++) {
      for (int k = 0; k < out.logits()[i].length; k++) {
        j += r[rowOffset + i][k] * out.logits()[i][k];
      }
      for (int d = 0; d < out.features()[i].length; d++) {
        j += q[rowOffset + i][d] * out.features()[i][d];
      }
    }
    return j;
  }

  private static void assertClose(double[] actual, double[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("entry %d", i).isCloseTo(expected[i], within(1e-4 + 1e-3 * Math.abs(expected[i])));
    }
  }

  private static void assertClose(double[][] actual, double[][] expected, double tolerance) {
    assertThat(actual.length).isEqualTo(expected.length);
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        assertThat(actual[i][j]).as("[%d][%d]", i, j).isCloseTo(expected[i][j], within(tolerance * (1 + Math.abs(expected[i][j]))));
      }
    }
  }

  private static double[] flatten(double[][] m) {
    return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).toArray();
  }

  private static double[][] unflatten(double[] v, int rows) {
    int cols = v.length / rows;
    double[][] out = new double[rows][cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(v, r * cols, out[r], 0, cols);
    }
    return out;
  }
}
