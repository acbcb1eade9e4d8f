package io.invstream.trainer.tensor.cuda;

import io.invstream.trainer.algorithm.AlgorithmRegistry;
import io.invstream.trainer.model.Cnn;
import io.invstream.trainer.model.LogisticRegression;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.model.ModelSpec;
import io.invstream.trainer.optim.AdamConfig;
import io.invstream.trainer.optim.OptimizerConfig;
import io.invstream.trainer.optim.SgdConfig;
import io.invstream.trainer.param.NamedTensor;
import io.invstream.trainer.step.EnvironmentBatch;
import io.invstream.trainer.step.EnvironmentReport;
import io.invstream.trainer.step.StepReport;
import io.invstream.trainer.step.Trainer;
import io.invstream.trainer.step.TrainerConfig;
import io.invstream.trainer.step.TrainingBatch;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Full training steps of every algorithm (and the CNN and logistic models) on seeded data: three
 * environments of unequal sizes, one with example weights, all with RRR annotation masks;
 * penalties switched on from the second update. The outcome of each scenario is the loss of every
 * environment at every step and the published parameters at the end.
 */
final class StepScenarios {

  static final int STEPS = 3;

  /** One trainer setup. */
  record Scenario(String name, ModelSpec model, String algorithm, Map<String, String> hp, OptimizerConfig optimizer) {}

  private StepScenarios() {}

  static List<Scenario> all() {
    Mlp mlp = new Mlp(12, List.of(16), 3);
    Cnn cnn = new Cnn(1, 8, 8, 2, 3, 3);
    LogisticRegression logistic = new LogisticRegression(12, 3);
    OptimizerConfig adam = AdamConfig.of(1e-2, 1e-4);
    return List.of(
        new Scenario("mlp/erm", mlp, "erm", Map.of(), adam),
        new Scenario("mlp/erm-sgd", mlp, "erm", Map.of(), new SgdConfig(0.05, 0.9, 1e-4)),
        new Scenario("mlp/andmask", mlp, "andmask", Map.of("tau", "0.6"), adam),
        new Scenario("mlp/andmask-geometric", mlp, "andmask", Map.of("tau", "0.6", "method", "geom_mean"), adam),
        new Scenario("mlp/sandmask", mlp, "sandmask", Map.of("tau", "0.5"), adam),
        new Scenario("mlp/irm", mlp, "irm", Map.of("lambda", "10", "penaltyAnnealIters", "1"), adam),
        new Scenario("mlp/vrex", mlp, "vrex", Map.of("lambda", "10", "penaltyAnnealIters", "1"), adam),
        new Scenario("mlp/fishr", mlp, "fishr", Map.of("lambda", "10", "penaltyAnnealIters", "1"), adam),
        new Scenario("mlp/coral", mlp, "coral", Map.of(), adam),
        new Scenario("mlp/dann", mlp, "dann", Map.of("mlpWidth", "16"), adam),
        new Scenario("mlp/fish", mlp, "fish", Map.of(), adam),
        new Scenario("mlp/rrr", mlp, "rrr", Map.of("lambda", "10"), adam),
        new Scenario("mlp/rrr-ensemble", mlp, "rrr-ensemble", Map.of("lambda", "10", "updatesPerMember", "2", "members", "2"),
            adam),
        new Scenario("cnn/erm", cnn, "erm", Map.of(), adam),
        new Scenario("cnn/andmask", cnn, "andmask", Map.of("tau", "0.6"), adam),
        new Scenario("cnn/rrr", cnn, "rrr", Map.of("lambda", "10"), adam),
        new Scenario("logistic/erm", logistic, "erm", Map.of(), adam),
        new Scenario("logistic/fishr", logistic, "fishr", Map.of("lambda", "10", "penaltyAnnealIters", "1"), adam));
  }

  /** Runs every scenario on {@code backend}. */
  static Outputs run(TensorBackend backend) {
    Outputs out = new Outputs();
    for (Scenario s : all()) {
      run(backend, s, out);
    }
    return out;
  }

  private static void run(TensorBackend backend, Scenario s, Outputs out) {
    SplittableRandom random = new SplittableRandom(7);
    Trainer trainer = Trainer.create(backend, s.model(), s.optimizer(),
        AlgorithmRegistry.standard().create(s.algorithm(), s.hp(), random.split()), TrainerConfig.DEFAULTS, random);
    SplittableRandom data = new SplittableRandom(11);
    for (int step = 0; step < STEPS; step++) {
      StepReport report = trainer.step(batch(s.model(), data));
      for (EnvironmentReport e : report.environments()) {
        out.put(s.name() + "/step" + step + "/loss/" + e.environment(), e.loss());
      }
      out.put(s.name() + "/step" + step + "/applied", report.applied() ? 1 : 0);
    }
    for (NamedTensor t : trainer.publishedParameters()) {
      out.put(s.name() + "/parameters/" + t.name(), t.data());
    }
  }

  private static TrainingBatch batch(ModelSpec model, SplittableRandom random) {
    int inputs = model.inputs();
    int classes = model.classes();
    int[] rows = {8, 6, 7};
    List<EnvironmentBatch> envs = new ArrayList<>();
    for (int e = 0; e < rows.length; e++) {
      float[] x = new float[rows[e] * inputs];
      float[] mask = new float[rows[e] * inputs];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) random.nextDouble();
        mask[i] = random.nextInt(4) == 0 ? 1f : 0f;
      }
      int[] y = new int[rows[e]];
      for (int i = 0; i < y.length; i++) {
        y[i] = random.nextInt(classes);
      }
      float[] weights = null;
      if (e == 1) {
        weights = new float[rows[e]];
        for (int i = 0; i < weights.length; i++) {
          weights[i] = (float) random.nextDouble(0.2, 2);
        }
      }
      envs.add(new EnvironmentBatch("env" + e, rows[e], inputs, x, y, mask, weights));
    }
    return new TrainingBatch(envs);
  }
}
