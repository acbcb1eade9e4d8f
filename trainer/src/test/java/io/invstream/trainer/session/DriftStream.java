package io.invstream.trainer.session;

import io.invstream.schemas.Example;
import io.invstream.schemas.FeatureVectors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded batches of two environments, {@code a} and {@code b}, for the drift tests: label y ~
 * Bernoulli(0.5), feature 0 = (2y − 1) + N(0, 0.5²) carries the label, feature 1 ~ N(0, 1) is noise.
 * Environment b can be shifted (feature 1 moves by {@code shift}) or have its labels flipped, which
 * leaves every feature's distribution as it was but reverses what feature 0 means.
 */
public final class DriftStream {

  public static final List<String> ENVIRONMENTS = List.of("a", "b");

  private final SplittableRandom random;
  private long sequence;

  public DriftStream(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** One batch of {@code perEnvironment} examples of each environment. */
  public List<Example> batch(int perEnvironment, double shiftB, boolean flipB) {
    List<Example> examples = new ArrayList<>();
    for (String environment : ENVIRONMENTS) {
      boolean isB = environment.equals("b");
      for (int i = 0; i < perEnvironment; i++) {
        int label = random.nextInt(2);
        float[] features = {(float) (2 * label - 1 + 0.5 * random.nextGaussian()),
            (float) (random.nextGaussian() + (isB ? shiftB : 0))};
        examples.add(Example.newBuilder().setEnvironment(environment).setId(environment + "-" + sequence++)
            .setEventTime(Instant.ofEpochMilli(1_700_000_000_000L + sequence)).setFeatures(FeatureVectors.encode(features))
            .setLabel(isB && flipB ? 1 - label : label).build());
      }
    }
    return examples;
  }
}
