package io.invstream.datasets.synthetic;

import io.invstream.schemas.Example;
import io.invstream.schemas.FeatureVectors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Two interleaved spirals (the invariant mechanism) plus per-environment shortcut signatures.
 *
 * <p>Label {@code y ~ Bernoulli(0.5)}; radius {@code r ~ U(0.08, 1)}, angle {@code 2π·revolutions·r + π·y},
 * then {@code r += U(±radiusNoise)}; the mechanism is {@code (r cos θ, r sin θ)} scaled to roughly unit
 * variance. Training environment {@code e} appends {@code (2y − 1)·s_e} with one fixed signature
 * {@code s_e ~ N(0, shortcutScale²)} per environment: perfectly predictive inside {@code e}, different in
 * every environment. Held-out environments append a shortcut that carries no information
 * ({@link HeldOutShortcut#RANDOM}) or misleads ({@link HeldOutShortcut#REVERSED}).
 *
 * <p>Thread-confined: each producer thread owns its task instance or passes its own random generator.
 */
public final class SpiralTask {

  /** Standard deviation of a mechanism coordinate: sqrt(E[r²] / 2) with r ~ U(0.08, 1), so the mechanism has unit variance. */
  private static final double MECHANISM_STD = Math.sqrt((1 - Math.pow(0.08, 3)) / (3 * 0.92) / 2);

  private final SpiralTaskConfig config;
  private final List<String> trainingEnvironments;
  private final List<String> heldOutEnvironments;
  private final float[][] signatures;

  /**
   * @param trainingEnvironments environments whose shortcut is predictive
   * @param heldOutEnvironments environments whose shortcut is uninformative or reversed
   */
  public SpiralTask(SpiralTaskConfig config, List<String> trainingEnvironments, List<String> heldOutEnvironments) {
    if (trainingEnvironments.isEmpty()) {
      throw new IllegalArgumentException("The synthetic task needs at least one training environment");
    }
    this.config = config;
    this.trainingEnvironments = List.copyOf(trainingEnvironments);
    this.heldOutEnvironments = List.copyOf(heldOutEnvironments);
    SplittableRandom signatureRandom = new SplittableRandom(config.seed());
    this.signatures = new float[trainingEnvironments.size()][config.shortcutDims()];
    for (float[] signature : signatures) {
      for (int j = 0; j < signature.length; j++) {
        signature[j] = (float) (gaussian(signatureRandom) * config.shortcutScale());
      }
    }
  }

  /** {@code count} training environments named {@code env-00..} and held-out ones named {@code test-00..}. */
  public static SpiralTask withEnvironments(SpiralTaskConfig config, int training, int heldOut) {
    List<String> train = new ArrayList<>();
    for (int i = 0; i < training; i++) {
      train.add(String.format("env-%02d", i));
    }
    List<String> test = new ArrayList<>();
    for (int i = 0; i < heldOut; i++) {
      test.add(String.format("test-%02d", i));
    }
    return new SpiralTask(config, train, test);
  }

  public SpiralTaskConfig config() {
    return config;
  }

  public List<String> trainingEnvironments() {
    return trainingEnvironments;
  }

  public List<String> heldOutEnvironments() {
    return heldOutEnvironments;
  }

  /** Every environment, training ones first. */
  public List<String> environments() {
    List<String> all = new ArrayList<>(trainingEnvironments);
    all.addAll(heldOutEnvironments);
    return all;
  }

  /** Draws one example of {@code environment} with the caller's random generator. */
  public Example draw(String environment, String id, Instant eventTime, SplittableRandom random) {
    float[] features = new float[config.featureCount()];
    int label = drawInto(environment, features, random);
    return Example.newBuilder().setEnvironment(environment).setId(id).setEventTime(eventTime)
        .setFeatures(FeatureVectors.encode(features)).setLabel(label).build();
  }

  /** Fills {@code features} with one example of {@code environment} and returns its label. */
  public int drawInto(String environment, float[] features, SplittableRandom random) {
    int label = random.nextInt(2);
    double radius = 0.08 + 0.92 * random.nextDouble();
    double angle = 2 * Math.PI * config.revolutions() * radius + Math.PI * label;
    radius += (2 * random.nextDouble() - 1) * config.radiusNoise();
    features[0] = (float) (Math.cos(angle) * radius / MECHANISM_STD);
    features[1] = (float) (Math.sin(angle) * radius / MECHANISM_STD);
    int trainingIndex = trainingEnvironments.indexOf(environment);
    double sign = 2 * label - 1;
    if (trainingIndex >= 0) {
      putSignature(features, signatures[trainingIndex], sign);
    } else if (heldOutEnvironments.contains(environment)) {
      fillHeldOutShortcut(features, sign, random);
    } else {
      throw new IllegalArgumentException("Unknown environment '" + environment + "'; known: " + environments());
    }
    return label;
  }

  private void fillHeldOutShortcut(float[] features, double sign, SplittableRandom random) {
    if (config.heldOut() == HeldOutShortcut.RANDOM) {
      for (int j = 0; j < config.shortcutDims(); j++) {
        features[2 + j] = (float) (gaussian(random) * config.shortcutScale());
      }
    } else {
      putSignature(features, signatures[random.nextInt(signatures.length)], -sign);
    }
  }

  private static void putSignature(float[] features, float[] signature, double sign) {
    for (int j = 0; j < signature.length; j++) {
      features[2 + j] = (float) (sign * signature[j]);
    }
  }

  private static double gaussian(SplittableRandom random) {
    return random.nextGaussian();
  }
}
