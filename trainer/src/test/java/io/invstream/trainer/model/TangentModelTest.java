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
 * Forward tangents against an analytic float64 forward mode, and the reverse-over-forward
 * gradient of J = Σ R⊙z + Σ T⊙ż against finite differences over the parameters, for all three
 * models (the CNN's tangent goes through convolutions, ReLU masks and max-pool arg-maxes).
 */
class TangentModelTest {

  private static final TensorBackend BACKEND = new Nd4jCpuBackend();
  private static final BatchLayout LAYOUT = new BatchLayout(new int[] {3, 2});

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of(new LogisticRegression(5, 3), new ReferenceDense(5, 3)),
        Arguments.of(new Mlp(6, List.of(5, 4), 3), new ReferenceDense(6, 5, 4, 3)),
        Arguments.of(new Cnn(2, 8, 4, 3, 2, 3), new ReferenceCnn(2, 8, 4, 3, 2, 3)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void tangentGradientsMatchFiniteDifferences(ModelSpec spec, ReferenceModel reference) {
    SplittableRandom random = new SplittableRandom(13);
    TangentModel model = (TangentModel) spec.build(BACKEND, random);
    int n = LAYOUT.totalRows();
    double[][] x = HostTensors.random(random, n, model.inputSize(), 1.0);
    double[][] v = HostTensors.random(random, n, model.inputSize(), 1.0);
    double[][] r = HostTensors.random(random, n, model.classes(), 1.0);
    double[][] q = HostTensors.random(random, n, model.classes(), 1.0);

    Tape tape = model.newTape();
    tape.begin(LAYOUT);
    BACKEND.upload(HostTensors.floats(x), tape.input());
    BACKEND.upload(HostTensors.floats(v), tape.inputTangent());
    model.forward(tape);
    model.forwardTangent(tape);
    double[] theta = HostTensors.flatten(BACKEND, model.parameters());
    double[][] expectedTangent = reference.tangent(theta, x, v);
    double[][] tangent = HostTensors.matrix(BACKEND, tape.logitTangent());
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < model.classes(); k++) {
        assertThat(tangent[i][k]).isCloseTo(expectedTangent[i][k], within(1e-5 * (1 + Math.abs(expectedTangent[i][k]))));
      }
    }

    BACKEND.upload(HostTensors.floats(r), tape.logitGradient());
    BACKEND.upload(HostTensors.floats(q), tape.logitTangentGradient());
    GradientStack grads = new GradientStack(BACKEND, model.layout(), 2);
    model.backwardThroughTangent(tape, List.of(grads.environment(0), grads.environment(1)));
    for (int s = 0; s < 2; s++) {
      int from = LAYOUT.start(s);
      int to = from + LAYOUT.rows(s);
      double[][] xs = HostTensors.rows(x, from, to);
      double[][] vs = HostTensors.rows(v, from, to);
      double[] expected =
          FiniteDifferences.gradient(
              p -> {
                double[][] z = reference.forward(p, xs).logits();
                double[][] zt = reference.tangent(p, xs, vs);
                double j = 0;
                for (int i = 0; i < z.length; i++) {
                  for (int k = 0; k < z[i].length; k++) {
                    j += r[from + i][k] * z[i][k] + q[from + i][k] * zt[i][k];
                  }
                }
                return j;
              },
              theta);
      double[] actual = HostTensors.flatten(BACKEND, grads.environment(s));
      for (int i = 0; i < expected.length; i++) {
        assertThat(actual[i]).as("segment %d entry %d", s, i).isCloseTo(expected[i], within(1e-4 + 1e-3 * Math.abs(expected[i])));
      }
    }
  }
}
