package io.invstream.trainer.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AlgorithmRegistryTest {

  private final AlgorithmRegistry registry = AlgorithmRegistry.standard();

  @Test
  void standardRegistryListsTheImplementedAlgorithms() {
    assertThat(registry.names()).containsExactly("andmask", "coral", "dann", "erm", "fish", "fishr", "irm", "rrr", "rrr-ensemble",
        "sandmask", "vrex");
  }

  @Test
  void createsWithReferenceDefaultsOrOverrides() {
    InvariantAlgorithm andmask = registry.create("andmask", Map.of(), new SplittableRandom(1));
    assertThat(andmask.name()).isEqualTo("andmask");
    assertThat(andmask.hyperparameters().asStrings())
        .containsExactly(Map.entry("tau", "1.0"), Map.entry("method", "and_mask"));
    assertThat(registry.create("andmask", Map.of("method", "geom_mean"), new SplittableRandom(1)).hyperparameters())
        .isEqualTo(new AndMaskHyperparameters(1.0, AndMaskHyperparameters.GEOMETRIC_MEAN));
    assertThatThrownBy(() -> registry.create("andmask", Map.of("method", "median"), new SplittableRandom(1)))
        .hasMessageContaining("and_mask or geom_mean");
    InvariantAlgorithm sand = registry.create("sandmask", Map.of("tau", "0.4", "k", "100"), new SplittableRandom(1));
    assertThat(sand.hyperparameters()).isEqualTo(new SandMaskHyperparameters(0.4, 100));
    assertThat(registry.factory("erm").defaults().asStrings()).isEmpty();
  }

  @Test
  void unknownNamesListTheAvailableOnes() {
    assertThatThrownBy(() -> registry.create("groupdro", Map.of(), new SplittableRandom(1)))
        .hasMessageContaining("unknown algorithm 'groupdro'").hasMessageContaining("available: [andmask, coral, dann, erm, fish");
  }

  @Test
  void registeringANameTwiceIsRefused() {
    AlgorithmFactory again = AlgorithmFactory.of("erm", "dup", ErmHyperparameters.DEFAULTS, (h, r) -> new Erm());
    assertThatThrownBy(() -> registry.with(again)).hasMessageContaining("already registered");
    assertThat(AlgorithmRegistry.empty().with(again).names()).containsExactly("erm");
  }
}
