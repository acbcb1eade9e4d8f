package io.invstream.app.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --device} as train, demo and replay see it. */
class TrainingOptionsTest {

  private static TrainingOptions parse(String... args) {
    TrainingOptions options = new TrainingOptions();
    new CommandLine(options).parseArgs(args);
    return options;
  }

  @Test
  void theDefaultIsTheCpuAndOneBackendServesEverySession() {
    TrainingOptions options = parse();
    assertThat(options.device).isEqualTo("cpu");
    assertThat(options.backend()).isSameAs(options.backend());
    assertThat(options.backend().description()).startsWith("nd4j-native cpu");
  }

  @Test
  void autoFallsBackToTheCpuHere() {
    assertThat(parse("--device", "auto").backend().description()).startsWith("nd4j-native cpu");
  }

  @Test
  void validateRefusesAnUnknownDeviceAndAnUnavailableGpu() {
    assertThatThrownBy(() -> parse("--device", "gpu").validate()).hasMessage("--device takes cpu, cuda or auto, got 'gpu'");
    assertThatThrownBy(() -> parse("--device", "cuda").validate()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("--device cuda: the CUDA backend is not in this build");
  }
}
