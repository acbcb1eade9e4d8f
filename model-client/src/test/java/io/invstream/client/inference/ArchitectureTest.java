package io.invstream.client.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArchitectureTest {

  @ParameterizedTest
  @ValueSource(strings = {"logistic 10-2", "mlp 784-256-10", "mlp 10-256-256-2", "cnn 1x28x28 conv16-conv32-10", "cnn 3x8x12 conv2-conv4-5"})
  void readsBackWhatTheTrainerWrites(String description) {
    assertThat(Architecture.parse(description).describe()).isEqualTo(description);
  }

  @Test
  void denseParametersFollowThePyTorchLayout() {
    assertThat(Architecture.parse("mlp 784-256-10").parameters()).containsExactly(
        ParameterShape.of("dense0.weight", 256, 784), ParameterShape.of("dense0.bias", 256),
        ParameterShape.of("dense1.weight", 10, 256), ParameterShape.of("dense1.bias", 10));
    assertThat(Architecture.parse("logistic 10-2").parameters()).containsExactly(
        ParameterShape.of("dense0.weight", 2, 10), ParameterShape.of("dense0.bias", 2));
  }

  @Test
  void convolutionParametersFollowThePyTorchLayout() {
    CnnArchitecture cnn = (CnnArchitecture) Architecture.parse("cnn 1x28x28 conv16-conv32-10");

    assertThat(cnn.inputs()).isEqualTo(784);
    assertThat(cnn.parameters()).containsExactly(
        ParameterShape.of("conv0.weight", 16, 1, 3, 3), ParameterShape.of("conv0.bias", 16),
        ParameterShape.of("conv1.weight", 32, 16, 3, 3), ParameterShape.of("conv1.bias", 32),
        ParameterShape.of("dense0.weight", 10, 7 * 7 * 32), ParameterShape.of("dense0.bias", 10));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "rnn 10-2", "logistic 10", "logistic 10-1", "logistic 10-5-2", "mlp 10-2", "mlp 10-0-2",
      "cnn 1x30x28 conv16-conv32-10", "cnn 1x28x28 conv16-10", "logistic ten-2"})
  void refusesWhatTheTrainerCannotHaveWritten(String description) {
    assertThatThrownBy(() -> Architecture.parse(description)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("architecture '" + description + "'");
  }

  @Test
  void refusesParametersThatDoNotFit() {
    Architecture logistic = Architecture.parse("logistic 2-2");

    assertThatThrownBy(() -> logistic.network(java.util.Map.of("dense0.weight", new float[4])))
        .hasMessageContaining("'dense0.bias' of 'logistic 2-2' is missing");
    assertThatThrownBy(() -> logistic.network(java.util.Map.of("dense0.weight", new float[5], "dense0.bias", new float[2])))
        .hasMessageContaining("has 5 values");
    assertThatThrownBy(() -> logistic.network(java.util.Map.of("dense0.weight", new float[] {0, 0, Float.NEGATIVE_INFINITY, 0},
        "dense0.bias", new float[2]))).hasMessageContaining("-Infinity at element 2");
    assertThat(List.of(logistic.inputs(), logistic.classes())).containsExactly(2, 2);
  }
}
