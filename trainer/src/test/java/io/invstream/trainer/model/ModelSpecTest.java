package io.invstream.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invstream.trainer.param.NamedTensor;
import io.invstream.trainer.param.ParameterSpec;
import io.invstream.trainer.tensor.Shape;
import io.invstream.trainer.tensor.TensorBackend;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ModelSpecTest {

  private static final TensorBackend BACKEND = new Nd4jCpuBackend();

  @Test
  void parameterNamesAndShapesFollowPyTorchLayouts() {
    assertThat(new Mlp(784, List.of(256), 10).build(BACKEND, new SplittableRandom(1)).layout().specs())
        .containsExactly(
            new ParameterSpec("dense0.weight", Shape.of(256, 784)), new ParameterSpec("dense0.bias", Shape.of(256)),
            new ParameterSpec("dense1.weight", Shape.of(10, 256)), new ParameterSpec("dense1.bias", Shape.of(10)));
    Model cnn = Cnn.mnist(2, 2).build(BACKEND, new SplittableRandom(1));
    assertThat(cnn.layout().names())
        .containsExactly("conv0.weight", "conv0.bias", "conv1.weight", "conv1.bias", "dense0.weight", "dense0.bias");
    assertThat(cnn.layout().spec(0).shape()).isEqualTo(Shape.of(8, 2, 3, 3));
    assertThat(cnn.featureSize()).isEqualTo(7 * 7 * 16);
    assertThat(cnn.inputSize()).isEqualTo(2 * 28 * 28);
    Model lr = new LogisticRegression(5, 2).build(BACKEND, new SplittableRandom(1));
    assertThat(lr.featureSize()).isEqualTo(5);
  }

  @Test
  void initialisationIsSeededAndBoundedByFanIn() {
    Mlp spec = new Mlp(100, List.of(20), 3);
    List<NamedTensor> a = spec.build(BACKEND, new SplittableRandom(9)).parameters().export(BACKEND);
    List<NamedTensor> b = spec.build(BACKEND, new SplittableRandom(9)).parameters().export(BACKEND);
    List<NamedTensor> c = spec.build(BACKEND, new SplittableRandom(10)).parameters().export(BACKEND);
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
    for (float v : a.get(0).data()) {
      assertThat(Math.abs(v)).isLessThanOrEqualTo(0.1f);
    }
    for (float v : a.get(2).data()) {
      assertThat(Math.abs(v)).isLessThanOrEqualTo((float) (1 / Math.sqrt(20)));
    }
  }

  @Test
  void replicaStartsEqualAndThenIsIndependent() {
    Model model = new Mlp(4, List.of(3), 2).build(BACKEND, new SplittableRandom(1));
    Model replica = model.replicate();
    assertThat(replica.parameters().export(BACKEND)).isEqualTo(model.parameters().export(BACKEND));
    BACKEND.fill(replica.parameters().flat(), 0f);
    assertThat(model.parameters().export(BACKEND).get(0).data()).isNotEqualTo(new float[12]);
  }

  @Test
  void tapesBelongToTheirModel() {
    Model a = new Mlp(4, List.of(3), 2).build(BACKEND, new SplittableRandom(1));
    Model b = new Mlp(4, List.of(3), 2).build(BACKEND, new SplittableRandom(1));
    Tape tape = a.newTape();
    tape.begin(BatchLayout.single(2));
    assertThatThrownBy(() -> b.forward(tape)).hasMessageContaining("tape was not created by this model");
  }

  @Test
  void specsRejectImpossibleArchitectures() {
    assertThatThrownBy(() -> new Cnn(1, 30, 28, 8, 16, 10)).hasMessageContaining("multiples of 4");
    assertThatThrownBy(() -> new Mlp(4, List.of(), 2)).hasMessageContaining("use LogisticRegression");
    assertThatThrownBy(() -> new LogisticRegression(4, 1)).hasMessageContaining("binary tasks use a 2-class softmax");
    assertThat(new Mlp(784, List.of(256, 256), 10).describe()).isEqualTo("mlp 784-256-256-10");
  }

  @Test
  void namedTensorsAreImmutableValues() {
    float[] data = {1, 2};
    NamedTensor t = new NamedTensor("w", Shape.of(2), data);
    data[0] = 9;
    t.data()[1] = 9;
    assertThat(t.data()).containsExactly(1, 2);
    assertThat(t).isEqualTo(new NamedTensor("w", Shape.of(2), new float[] {1, 2}));
    assertThatThrownBy(() -> new NamedTensor("w", Shape.of(3), data)).hasMessageContaining("needs 3 values, got 2");
  }
}
