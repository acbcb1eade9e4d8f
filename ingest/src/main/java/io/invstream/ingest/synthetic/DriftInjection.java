package io.invstream.ingest.synthetic;

import io.invstream.schemas.Example;
import io.invstream.schemas.FeatureVectors;
import java.time.Duration;
import java.util.Objects;

/**
 * A deliberate change to one environment of the synthetic task from some moment on, so that drift
 * detection can be watched at work (the demo's {@code --drift-after}).
 *
 * <p>The synthetic task's features are the two spiral ("mechanism") coordinates, then the shortcut.
 * {@link Kind#SHIFT} adds {@code magnitude} to both mechanism coordinates (each has unit standard
 * deviation): the input distribution moves (data drift) and the spirals no longer sit where the
 * model learnt them (its loss rises: concept drift). {@link Kind#FLIP} negates the shortcut, as in
 * the reversed held-out environment: every feature keeps its distribution, but a model that relies
 * on the shortcut gets that environment wrong (concept drift only, and only for such a model).
 *
 * @param environment the environment that changes
 * @param after how long after the start of production the change begins
 * @param kind what changes
 * @param magnitude for {@link Kind#SHIFT}: the shift, in standard deviations; ignored by FLIP
 */
public record DriftInjection(String environment, Duration after, Kind kind, double magnitude) {

  /** What changes. */
  public enum Kind {
    /** Move the mechanism coordinates by {@code magnitude}. */
    SHIFT,
    /** Reverse the shortcut. */
    FLIP
  }

  public DriftInjection {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(kind, "kind");
    if (after.isNegative()) {
      throw new IllegalArgumentException("A drift injection starts at or after the start, got " + after);
    }
    if (!Double.isFinite(magnitude)) {
      throw new IllegalArgumentException("The shift must be finite, got " + magnitude);
    }
  }

  /** True for an example of {@code name} produced {@code elapsed} after the start. */
  public boolean appliesTo(String name, Duration elapsed) {
    return environment.equals(name) && elapsed.compareTo(after) >= 0;
  }

  /** The changed copy of {@code example}. */
  public Example apply(Example example) {
    float[] features = FeatureVectors.decode(example.getFeatures());
    if (kind == Kind.SHIFT) {
      for (int f = 0; f < Math.min(2, features.length); f++) {
        features[f] += (float) magnitude;
      }
    } else {
      for (int f = 2; f < features.length; f++) {
        features[f] = -features[f];
      }
    }
    return Example.newBuilder(example).setFeatures(FeatureVectors.encode(features)).build();
  }
}
