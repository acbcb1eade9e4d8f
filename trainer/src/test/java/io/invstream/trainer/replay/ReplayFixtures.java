package io.invstream.trainer.replay;

import io.invstream.schemas.Example;
import io.invstream.schemas.FeatureVectors;
import io.invstream.trainer.algorithm.AlgorithmRegistry;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.optim.AdamConfig;
import io.invstream.trainer.session.SessionConfig;
import io.invstream.trainer.session.TrainingSession;
import io.invstream.trainer.step.Trainer;
import io.invstream.trainer.step.TrainerConfig;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Tiny replay data: feature 0 carries the label in every environment, feature 1 is a shortcut whose
 * sign each environment chooses (reversed in {@code test}), feature 2 is noise.
 */
final class ReplayFixtures {

  static final int FEATURES = 3;

  private ReplayFixtures() {}

  /** Environments {@code a}, {@code b} (training) and {@code test} (held out), {@code n} examples each. */
  static ReplayData data(int n) {
    Map<String, List<Example>> environments = new LinkedHashMap<>();
    environments.put("a", environment("a", n, 1f, 11));
    environments.put("b", environment("b", n, 0.5f, 12));
    environments.put("test", environment("test", n, -1f, 13));
    return new ReplayData(environments, Set.of("test"));
  }

  static List<Example> environment(String name, int n, float shortcut, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Example> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int label = random.nextInt(2);
      float sign = 2 * label - 1;
      float[] features = {sign * 0.3f + (float) random.nextGaussian() * 0.3f, sign * shortcut,
          (float) random.nextGaussian()};
      out.add(example(name, name + "[" + i + "]", features, label));
    }
    return out;
  }

  static Example example(String environment, String id, float[] features, int label) {
    return Example.newBuilder().setEnvironment(environment).setId(id).setEventTime(Instant.EPOCH)
        .setFeatures(FeatureVectors.encode(features)).setLabel(label).build();
  }

  /** A session with a small MLP, seeded. */
  static TrainingSession session(String algorithm, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Trainer trainer = Trainer.create(new Nd4jCpuBackend(), new Mlp(FEATURES, List.of(8), 2), AdamConfig.of(0.01, 0),
        AlgorithmRegistry.standard().create(algorithm, Map.of(), random.split()), TrainerConfig.DEFAULTS, random);
    return new TrainingSession(trainer, new SessionConfig("test", algorithm, Set.of("test"), 10));
  }

  static ReplayConfig config(int steps, int k, SelectionRule rule) {
    return new ReplayConfig(steps, k, 0.25, 5, 16, rule, 7);
  }
}
