package io.invstream.datasets.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpiralTaskTest {

  private final SpiralTask task = SpiralTask.withEnvironments(SpiralTaskConfig.defaults(7), 4, 1);

  @Test
  void shortcutPredictsTheLabelPerfectlyInsideATrainingEnvironment() {
    SplittableRandom random = new SplittableRandom(1);
    float[] features = new float[task.config().featureCount()];
    float[] positive = null;
    for (int i = 0; i < 200; i++) {
      int label = task.drawInto("env-02", features, random);
      if (positive == null && label == 1) {
        positive = features.clone();
      }
      if (positive != null) {
        double sign = label == 1 ? 1 : -1;
        for (int j = 2; j < features.length; j++) {
          assertThat(features[j]).isEqualTo((float) (sign * positive[j]));
        }
      }
    }
  }

  @Test
  void environmentsHaveDifferentSignatures() {
    SplittableRandom random = new SplittableRandom(2);
    float[] a = signatureOf("env-00", random);
    float[] b = signatureOf("env-01", random);
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void reversedHeldOutShortcutPointsToTheOtherClassOfSomeTrainingEnvironment() {
    SplittableRandom random = new SplittableRandom(3);
    float[][] signatures = new float[4][];
    for (int e = 0; e < 4; e++) {
      signatures[e] = signatureOf(String.format("env-%02d", e), random);
    }
    float[] features = new float[task.config().featureCount()];
    for (int i = 0; i < 100; i++) {
      int label = task.drawInto("test-00", features, random);
      double sign = label == 1 ? -1 : 1;
      boolean matchesOne = false;
      for (float[] s : signatures) {
        boolean all = true;
        for (int j = 0; j < s.length; j++) {
          all &= features[2 + j] == (float) (sign * s[j]);
        }
        matchesOne |= all;
      }
      assertThat(matchesOne).as("example %d's shortcut is a flipped training signature", i).isTrue();
    }
  }

  @Test
  void mechanismHasRoughlyUnitVarianceAndSeparatesTheClassesByAngle() {
    SplittableRandom random = new SplittableRandom(4);
    float[] features = new float[task.config().featureCount()];
    double sum = 0;
    double sumSq = 0;
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      task.drawInto("env-00", features, random);
      sum += features[0];
      sumSq += features[0] * features[0];
    }
    double variance = sumSq / n - (sum / n) * (sum / n);
    assertThat(variance).isBetween(0.9, 1.1);
  }

  @Test
  void sameSeedSameExamples() {
    SpiralTask other = SpiralTask.withEnvironments(SpiralTaskConfig.defaults(7), 4, 1);
    float[] a = new float[task.config().featureCount()];
    float[] b = new float[task.config().featureCount()];
    SplittableRandom ra = new SplittableRandom(9);
    SplittableRandom rb = new SplittableRandom(9);
    for (int i = 0; i < 50; i++) {
      assertThat(task.drawInto("env-03", a, ra)).isEqualTo(other.drawInto("env-03", b, rb));
      assertThat(a).containsExactly(b);
    }
  }

  @Test
  void unknownEnvironmentIsAClearError() {
    assertThatThrownBy(() -> task.drawInto("nope", new float[10], new SplittableRandom()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope").hasMessageContaining("env-00");
  }

  private float[] signatureOf(String env, SplittableRandom random) {
    float[] features = new float[task.config().featureCount()];
    int label = task.drawInto(env, features, random);
    float[] signature = new float[features.length - 2];
    for (int j = 0; j < signature.length; j++) {
      signature[j] = label == 1 ? features[2 + j] : -features[2 + j];
    }
    return signature;
  }
}
