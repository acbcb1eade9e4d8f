package io.invstream.ingest.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invstream.datasets.synthetic.SpiralTask;
import io.invstream.datasets.synthetic.SpiralTaskConfig;
import io.invstream.schemas.Example;
import io.invstream.schemas.FeatureVectors;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DriftInjectionTest {

  private final SpiralTask task = SpiralTask.withEnvironments(SpiralTaskConfig.defaults(1), 2, 1);
  private final Example example = task.draw("env-00", "x", Instant.EPOCH, new SplittableRandom(1));
  private final float[] original = FeatureVectors.decode(example.getFeatures());

  @Test
  void appliesToItsEnvironmentFromItsMomentOn() {
    DriftInjection injection = new DriftInjection("env-00", Duration.ofSeconds(20), DriftInjection.Kind.SHIFT, 2);

    assertThat(injection.appliesTo("env-00", Duration.ofSeconds(19))).isFalse();
    assertThat(injection.appliesTo("env-00", Duration.ofSeconds(20))).isTrue();
    assertThat(injection.appliesTo("env-01", Duration.ofSeconds(60))).isFalse();
  }

  @Test
  void shiftMovesOnlyTheMechanismCoordinates() {
    float[] shifted = FeatureVectors.decode(new DriftInjection("env-00", Duration.ZERO, DriftInjection.Kind.SHIFT, 2)
        .apply(example).getFeatures());

    assertThat(shifted[0]).isEqualTo(original[0] + 2f);
    assertThat(shifted[1]).isEqualTo(original[1] + 2f);
    for (int f = 2; f < original.length; f++) {
      assertThat(shifted[f]).isEqualTo(original[f]);
    }
  }

  @Test
  void flipReversesOnlyTheShortcutAndKeepsTheLabel() {
    Example flipped = new DriftInjection("env-00", Duration.ZERO, DriftInjection.Kind.FLIP, 0).apply(example);
    float[] features = FeatureVectors.decode(flipped.getFeatures());

    assertThat(features[0]).isEqualTo(original[0]);
    assertThat(features[1]).isEqualTo(original[1]);
    for (int f = 2; f < original.length; f++) {
      assertThat(features[f]).isEqualTo(-original[f]);
    }
    assertThat(flipped.getLabel()).isEqualTo(example.getLabel());
    assertThat(flipped.getId()).isEqualTo(example.getId());
  }

  @Test
  void rejectsANegativeStartAndAnUnknownEnvironment() {
    assertThatThrownBy(() -> new DriftInjection("env-00", Duration.ofSeconds(-1), DriftInjection.Kind.SHIFT, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SyntheticIngest(task, task.environments(), null, "r", 1,
        java.util.Optional.of(new DriftInjection("shop", Duration.ZERO, DriftInjection.Kind.FLIP, 0))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("env-00");
  }
}
