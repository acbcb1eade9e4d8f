package io.invstream.trainer.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.client.Prediction;
import io.invstream.client.ServingModel;
import io.invstream.schemas.AvroSerde;
import io.invstream.schemas.ModelChunks;
import io.invstream.schemas.ModelUpdate;
import io.invstream.trainer.algorithm.AlgorithmRegistry;
import io.invstream.trainer.model.Cnn;
import io.invstream.trainer.model.LogisticRegression;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.model.ModelSpec;
import io.invstream.trainer.optim.AdamConfig;
import io.invstream.trainer.step.Predictions;
import io.invstream.trainer.step.Trainer;
import io.invstream.trainer.step.TrainerConfig;
import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The model client's plain-Java forward pass gives the trainer's probabilities for the parameters
 * the trainer publishes: built by the trainer, exported with {@link ModelUpdates#of}, loaded by the
 * client, compared on random inputs.
 */
class ClientInferenceEquivalenceTest {

  static {
    // Building a ModelUpdate resolves the role's default through Avro, which trusts the schema
    // classes only once an AvroSerde has been created (the trainer service always has one by then).
    AvroSerde.of(ModelUpdate.class);
  }

  private static final Nd4jCpuBackend BACKEND = new Nd4jCpuBackend();
  private static final int ROWS = 16;
  private static final float TOLERANCE = 1e-5f;

  static Stream<Arguments> architectures() {
    return Stream.of(
        Arguments.of(new LogisticRegression(10, 2)),
        Arguments.of(new LogisticRegression(7, 4)),
        Arguments.of(new Mlp(20, List.of(16, 8), 3)),
        Arguments.of(new Mlp(10, List.of(256, 256), 2)),
        // Non-square images and several channels catch a swapped height/width or channel order.
        Arguments.of(new Cnn(2, 8, 12, 4, 6, 3)),
        Arguments.of(ModelSpecs.of("cnn", 784, List.of(), 10, new int[] {1, 28, 28})));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("architectures")
  void clientProbabilitiesEqualTheTrainers(ModelSpec spec) {
    Trainer trainer = trainer(spec);
    ModelUpdate update = ModelUpdates.of("m", 1, trainer, "andmask", Map.of(), List.of(), "test", Instant.EPOCH);
    float[] features = gaussian(ROWS * spec.inputs(), new SplittableRandom(7));

    ServingModel client = ServingModel.fromUpdate(update);

    assertThat(client.metadata().architecture()).isEqualTo(spec.describe());
    assertSamePredictions(trainer.predict(features, ROWS), client, features, spec.inputs());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("architectures")
  void chunkedUpdatesLoadToTheSameModel(ModelSpec spec) {
    Trainer trainer = trainer(spec);
    ModelUpdate update = ModelUpdates.of("m", 1, trainer, "andmask", Map.of(), List.of(), "test", Instant.EPOCH);
    // 64 KiB of ModelChunks overhead plus 1 KiB: 256 floats a chunk, so most tensors are cut into slices.
    List<ModelChunks.Keyed> parts = ModelChunks.split("m", update, 64 * 1024 + 1024);
    ModelUpdate manifest = parts.get(parts.size() - 1).update();
    List<ModelUpdate> chunks = parts.subList(0, parts.size() - 1).stream().map(ModelChunks.Keyed::update).toList();
    float[] features = gaussian(ROWS * spec.inputs(), new SplittableRandom(11));

    ServingModel client = ServingModel.fromChunks(manifest, chunks);

    assertThat(client.metadata().chunks()).isEqualTo(chunks.size());
    assertSamePredictions(trainer.predict(features, ROWS), client, features, spec.inputs());
  }

  private static void assertSamePredictions(Predictions expected, ServingModel client, float[] features, int inputs) {
    for (int row = 0; row < ROWS; row++) {
      float[] x = java.util.Arrays.copyOfRange(features, row * inputs, (row + 1) * inputs);
      Prediction actual = client.predict(x);
      for (int k = 0; k < expected.classes(); k++) {
        assertThat(actual.probability(k)).as("row %d class %d", row, k)
            .isCloseTo(expected.probability(row, k), org.assertj.core.data.Offset.offset(TOLERANCE));
      }
      assertThat(actual.label()).as("row %d", row).isEqualTo(expected.predicted()[row]);
    }
  }

  /** A trainer of {@code spec} with its initial parameters scaled up, so probabilities are far from uniform. */
  private static Trainer trainer(ModelSpec spec) {
    Trainer trainer = Trainer.create(BACKEND, spec, AdamConfig.of(0.01, 0), AlgorithmRegistry.standard().create("erm", Map.of(),
        new SplittableRandom(3)), TrainerConfig.DEFAULTS, new SplittableRandom(5));
    var scaled = trainer.model().parameters().export(BACKEND).stream()
        .map(t -> new io.invstream.trainer.param.NamedTensor(t.name(), t.shape(), times(t.data(), 3f))).toList();
    trainer.model().parameters().load(BACKEND, scaled);
    return trainer;
  }

  private static float[] times(float[] values, float factor) {
    float[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] *= factor;
    }
    return out;
  }

  private static float[] gaussian(int n, SplittableRandom random) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) random.nextGaussian();
    }
    return x;
  }
}
