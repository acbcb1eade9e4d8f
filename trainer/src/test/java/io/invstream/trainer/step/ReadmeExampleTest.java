package io.invstream.trainer.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.trainer.algorithm.AlgorithmRegistry;
import io.invstream.trainer.algorithm.InvariantAlgorithm;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.optim.AdamConfig;
import io.invstream.trainer.param.NamedTensor;
import io.invstream.trainer.tensor.TensorBackend;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The README's "Using it from the training loop" snippet, as written there. */
class ReadmeExampleTest {

  @Test
  void theReadmeSnippetRuns() {
    long seed = 1;
    SplittableRandom data = new SplittableRandom(2);
    int rows = 16;
    int rows2 = 12;
    float[] features = new float[rows * 784];
    float[] features2 = new float[rows2 * 784];
    int[] labels = data.ints(rows, 0, 10).toArray();
    int[] labels2 = data.ints(rows2, 0, 10).toArray();
    EnvironmentBatch testBatch = EnvironmentBatch.of("blue", rows, 784, features, labels);

    TensorBackend backend = new Nd4jCpuBackend();
    SplittableRandom random = new SplittableRandom(seed);
    InvariantAlgorithm algorithm =
        AlgorithmRegistry.standard().create("andmask", Map.of("tau", "0.8"), random.split());
    Trainer trainer = Trainer.create(backend, new Mlp(784, List.of(256), 10),
        AdamConfig.of(1e-3, 1e-4), algorithm, TrainerConfig.DEFAULTS, random);

    StepReport report = trainer.step(new TrainingBatch(List.of(
        EnvironmentBatch.of("red", rows, 784, features, labels),
        EnvironmentBatch.of("green", rows2, 784, features2, labels2))));

    List<NamedTensor> published = trainer.publishedParameters();
    Map<String, String> provenance = trainer.provenance();
    TrainerState checkpoint = trainer.exportState();
    trainer.importState(checkpoint);
    Evaluation eval = trainer.evaluate(testBatch);
    Predictions p = trainer.predict(features, rows);

    assertThat(report.applied()).isTrue();
    assertThat(published).hasSize(4);
    assertThat(provenance).containsEntry("hp.tau", "0.8");
    assertThat(eval.examples()).isEqualTo(rows);
    assertThat(p.rows()).isEqualTo(rows);
  }
}
