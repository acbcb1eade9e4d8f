package io.invstream.app.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invstream.app.cli.InvstreamCli;
import io.invstream.trainer.session.DriftSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DriftOptionsTest {

  private static DriftSettings parse(String... args) {
    DriftOptions options = new DriftOptions();
    new CommandLine(options).parseArgs(args);
    return options.settings();
  }

  @Test
  void defaultsAreTheLibrarysWindowsAndTheTrainersSample() {
    assertThat(parse()).isEqualTo(DriftSettings.defaults());
  }

  @Test
  void driftCanBeTurnedOffAndResized() {
    DriftSettings settings = parse("--drift", "off", "--drift-reference", "2000", "--drift-window", "100", "--drift-sample", "16");

    assertThat(settings.enabled()).isFalse();
    assertThat(settings.windows().referenceSize()).isEqualTo(2000);
    assertThat(settings.windows().windowSize()).isEqualTo(100);
    assertThat(settings.windows().calibrationSize()).as("at most the window").isEqualTo(100);
    assertThat(settings.examplesPerEnvironment()).isEqualTo(16);
  }

  @Test
  void badValuesAreRefusedWithTheReason() {
    assertThatThrownBy(() -> parse("--drift", "maybe")).hasMessageContaining("expected on or off");
    assertThatThrownBy(() -> parse("--drift-sample", "0")).hasMessageContaining("--drift off");
    assertThat(InvstreamCli.execute(new String[] {"train", "--drift", "maybe"}, Map.of())).isEqualTo(CommandLine.ExitCode.USAGE);
  }
}
