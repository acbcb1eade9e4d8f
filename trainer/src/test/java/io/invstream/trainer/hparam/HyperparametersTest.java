package io.invstream.trainer.hparam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invstream.trainer.algorithm.AndMaskHyperparameters;
import io.invstream.trainer.algorithm.SandMaskHyperparameters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperparametersTest {

  record Mixed(double rate, int count, long steps, boolean flag, String label, float small) implements Hyperparameters {}

  @Test
  void listsComponentsInDeclarationOrder() {
    assertThat(new Mixed(0.5, 3, 7L, true, "x", 0.25f).asStrings())
        .containsExactly(
            Map.entry("rate", "0.5"), Map.entry("count", "3"), Map.entry("steps", "7"),
            Map.entry("flag", "true"), Map.entry("label", "x"), Map.entry("small", "0.25"));
  }

  @Test
  void overridesParseEveryType() {
    Mixed m = Hyperparameters.withOverrides(
        new Mixed(0.5, 3, 7L, true, "x", 0.25f),
        Map.of("rate", "1e-3", "count", "4", "steps", "9", "flag", "false", "label", "y", "small", "2"));
    assertThat(m).isEqualTo(new Mixed(1e-3, 4, 9L, false, "y", 2f));
  }

  @Test
  void unknownKeysAndBadValuesSayWhatIsValid() {
    assertThatThrownBy(() -> Hyperparameters.withOverrides(AndMaskHyperparameters.DEFAULTS, Map.of("tua", "0.5")))
        .hasMessageContaining("unknown hyperparameter 'tua'").hasMessageContaining("[tau, method]");
    assertThatThrownBy(() -> Hyperparameters.withOverrides(AndMaskHyperparameters.DEFAULTS, Map.of("tau", "high")))
        .hasMessageContaining("'tau' needs a double, got 'high'");
    assertThatThrownBy(() -> Hyperparameters.withOverrides(new Mixed(0, 0, 0, false, "", 0), Map.of("flag", "yes")))
        .hasMessageContaining("'flag' needs a boolean");
  }

  @Test
  void recordValidationStillApplies() {
    assertThatThrownBy(() -> Hyperparameters.withOverrides(AndMaskHyperparameters.DEFAULTS, Map.of("tau", "1.5")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tau must be in [0, 1]");
  }

  @Test
  void pairsParseFromTheCommandLineForm() {
    assertThat(Hyperparameters.parsePairs(List.of("tau=0.8", " k = 100 ")))
        .containsExactly(Map.entry("tau", "0.8"), Map.entry("k", "100"));
    assertThatThrownBy(() -> Hyperparameters.parsePairs(List.of("tau"))).hasMessageContaining("key=value");
    assertThat(Hyperparameters.withOverrides(SandMaskHyperparameters.DEFAULTS, Hyperparameters.parsePairs(List.of("tau=0.8"))))
        .isEqualTo(new SandMaskHyperparameters(0.8, 10));
  }
}
