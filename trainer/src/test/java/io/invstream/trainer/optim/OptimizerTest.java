package io.invstream.trainer.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.invstream.trainer.param.NamedTensor;
import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.param.ParameterLayout;
import io.invstream.trainer.param.ParameterSpec;
import io.invstream.trainer.param.SavedState;
import io.invstream.trainer.tensor.Shape;
import io.invstream.trainer.tensor.TensorBackend;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Optimisers against updates computed by hand in double, state export and reset. */
class OptimizerTest {

  private static final TensorBackend BACKEND = new Nd4jCpuBackend();
  private static final ParameterLayout LAYOUT =
      new ParameterLayout(List.of(new ParameterSpec("w", Shape.of(2)), new ParameterSpec("b", Shape.of(1))));

  private static ParameterBlock block(float... values) {
    ParameterBlock b = LAYOUT.allocate(BACKEND);
    BACKEND.upload(values, b.flat());
    return b;
  }

  private static float[] values(ParameterBlock b) {
    return BACKEND.download(b.flat());
  }

  @Test
  void adamFollowsPyTorchsUpdateForThreeSteps() {
    AdamConfig config = new AdamConfig(0.1, 0.9, 0.999, 1e-8, 0.01);
    Optimizer adam = config.build(BACKEND, LAYOUT);
    ParameterBlock params = block(1f, -1f, 0.5f);
    double[] theta = {1, -1, 0.5};
    double[] m = new double[3];
    double[] v = new double[3];
    float[][] grads = {{0.5f, -0.2f, 0f}, {0.1f, 0.3f, -1f}, {-0.4f, 0f, 2f}};
    for (int t = 1; t <= 3; t++) {
      adam.step(params, block(grads[t - 1]));
      for (int i = 0; i < 3; i++) {
        double g = grads[t - 1][i] + 0.01 * theta[i];
        m[i] = 0.9 * m[i] + 0.1 * g;
        v[i] = 0.999 * v[i] + 0.001 * g * g;
        double denom = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(0.999, t)) + 1e-8;
        theta[i] -= 0.1 / (1 - Math.pow(0.9, t)) * m[i] / denom;
      }
      float[] actual = values(params);
      for (int i = 0; i < 3; i++) {
        assertThat(actual[i]).as("step %d entry %d", t, i).isCloseTo((float) theta[i], within(5e-6f));
      }
    }
    assertThat(adam.steps()).isEqualTo(3);
  }

  @Test
  void adamWeightDecayMovesAWeightWhoseGradientIsZero() {
    Optimizer adam = AdamConfig.of(0.01, 0.1).build(BACKEND, LAYOUT);
    ParameterBlock params = block(2f, 0f, 0f);
    adam.step(params, block(0f, 0f, 0f));
    // g = 0.1·2 = 0.2 → first Adam step moves by lr·sign(g).
    assertThat(values(params)[0]).isCloseTo(2f - 0.01f, within(1e-6f));
  }

  @Test
  void sgdWithMomentumFollowsPyTorch() {
    Optimizer sgd = new SgdConfig(0.5, 0.9, 0.0).build(BACKEND, LAYOUT);
    ParameterBlock params = block(1f, 1f, 1f);
    sgd.step(params, block(1f, 0f, -1f));
    sgd.step(params, block(1f, 0f, -1f));
    // b1 = g, b2 = 0.9·g + g = 1.9g; θ = 1 − 0.5·g − 0.5·1.9·g
    assertThat(values(params)).containsExactly(1 - 0.5f - 0.95f, 1f, 1 + 0.5f + 0.95f);
  }

  @Test
  void resetForgetsMomentsAndStepCount() {
    Optimizer adam = AdamConfig.DEFAULTS.build(BACKEND, LAYOUT);
    ParameterBlock first = block(1f, 1f, 1f);
    adam.step(first, block(1f, 2f, 3f));
    adam.step(first, block(-1f, 2f, 0f));
    adam.reset();
    assertThat(adam.steps()).isZero();
    Optimizer fresh = AdamConfig.DEFAULTS.build(BACKEND, LAYOUT);
    ParameterBlock a = block(0.3f, 0.2f, 0.1f);
    ParameterBlock b = block(0.3f, 0.2f, 0.1f);
    adam.step(a, block(0.5f, -0.5f, 0.25f));
    fresh.step(b, block(0.5f, -0.5f, 0.25f));
    assertThat(values(a)).containsExactly(values(b));
  }

  @Test
  void exportedStateRestoresTheExactNextStep() {
    for (OptimizerConfig config : List.of(AdamConfig.of(0.05, 0.01), new SgdConfig(0.1, 0.8, 0.01))) {
      Optimizer original = config.build(BACKEND, LAYOUT);
      ParameterBlock params = block(1f, 2f, 3f);
      original.step(params, block(0.1f, -0.2f, 0.3f));
      original.step(params, block(0.4f, 0.2f, -0.3f));
      SavedState state = original.exportState();
      Optimizer restored = config.build(BACKEND, LAYOUT);
      restored.importState(state);
      ParameterBlock copy = block(values(params));
      original.step(params, block(-0.1f, 0.5f, 0.2f));
      restored.step(copy, block(-0.1f, 0.5f, 0.2f));
      assertThat(values(copy)).as(config.name()).containsExactly(values(params));
      assertThat(restored.steps()).isEqualTo(3);
    }
  }

  @Test
  void stateOfAnotherOptimizerOrShapeIsRefused() {
    SavedState sgdState = new SgdConfig(0.1, 0.9, 0).build(BACKEND, LAYOUT).exportState();
    Optimizer adam = AdamConfig.DEFAULTS.build(BACKEND, LAYOUT);
    assertThatThrownBy(() -> adam.importState(sgdState)).hasMessageContaining("written by 'sgd'");
    SavedState wrongShape =
        new SavedState("adam", Map.of("steps", "1"), List.of(
            new NamedTensor("m/w", Shape.of(3), new float[3]), new NamedTensor("m/b", Shape.of(1), new float[1]),
            new NamedTensor("v/w", Shape.of(2), new float[2]), new NamedTensor("v/b", Shape.of(1), new float[1])));
    assertThatThrownBy(() -> adam.importState(wrongShape)).hasMessageContaining("'w' has shape [3]");
  }

  @Test
  void clippingScalesOnlyAboveTheThreshold() {
    ParameterBlock g = block(3f, 4f, 0f);
    double norm = GlobalNormClipping.norm(BACKEND, g);
    assertThat(norm).isEqualTo(5.0);
    new GlobalNormClipping(10).apply(BACKEND, g, norm);
    assertThat(values(g)).containsExactly(3f, 4f, 0f);
    new GlobalNormClipping(1).apply(BACKEND, g, norm);
    assertThat(GlobalNormClipping.norm(BACKEND, g)).isCloseTo(1.0, within(1e-6));
    assertThatThrownBy(() -> new GlobalNormClipping(-1)).hasMessageContaining("maxNorm must be >= 0");
  }

  @Test
  void configsValidateAndListTheirSettings() {
    assertThat(AdamConfig.DEFAULTS.asStrings())
        .containsExactly(
            Map.entry("learningRate", "0.001"), Map.entry("beta1", "0.9"), Map.entry("beta2", "0.999"),
            Map.entry("epsilon", "1.0E-8"), Map.entry("weightDecay", "0.0"));
    assertThatThrownBy(() -> new AdamConfig(0, 0.9, 0.999, 1e-8, 0)).hasMessageContaining("learningRate > 0");
    assertThatThrownBy(() -> new SgdConfig(0.1, 1.0, 0)).hasMessageContaining("momentum in [0, 1)");
  }

  @Test
  void copyStateFromMakesTheNextStepIdenticalAndRefusesOtherKinds() {
    for (OptimizerConfig config : List.of(new AdamConfig(0.1, 0.9, 0.999, 1e-8, 0.01), new SgdConfig(0.1, 0.9, 0.01))) {
      Optimizer source = config.build(BACKEND, LAYOUT);
      ParameterBlock p1 = block(1f, -2f, 0.5f);
      source.step(p1, block(0.3f, -0.1f, 0.2f));
      source.step(p1, block(-0.2f, 0.4f, 0.1f));
      Optimizer copy = config.build(BACKEND, LAYOUT);
      copy.copyStateFrom(source);
      assertThat(copy.steps()).isEqualTo(2);
      ParameterBlock p2 = block(values(p1));
      source.step(p1, block(0.05f, 0.05f, -0.3f));
      copy.step(p2, block(0.05f, 0.05f, -0.3f));
      assertThat(values(p2)).containsExactly(values(p1));
      assertThat(copy.exportState()).isEqualTo(source.exportState());
    }
    assertThatThrownBy(() -> new AdamConfig(0.1, 0.9, 0.999, 1e-8, 0).build(BACKEND, LAYOUT)
        .copyStateFrom(new SgdConfig(0.1, 0, 0).build(BACKEND, LAYOUT)))
        .hasMessageContaining("cannot copy the state of sgd into adam");
  }
}
