package io.invstream.client;

import io.invstream.schemas.AvroSerde;
import io.invstream.schemas.FeatureVectors;
import io.invstream.schemas.ModelChunks;
import io.invstream.schemas.ModelRole;
import io.invstream.schemas.ModelUpdate;
import io.invstream.schemas.ParameterTensor;
import io.invstream.schemas.SourceRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Model updates for tests: logistic models {@code logistic N-2} whose weights encode their version,
 * so a prediction tells which version's parameters produced it.
 */
public final class TestUpdates {

  public static final AvroSerde<ModelUpdate> SERDE = AvroSerde.of(ModelUpdate.class);

  private TestUpdates() {}

  /**
   * A whole update of {@code logistic inputs-2}: row 0 of the weight is {@code scale}, row 1 is
   * {@code -scale}, biases 0; so on an all-ones input class 0 has probability {@code
   * sigmoid(2·inputs·scale)}.
   */
  public static ModelUpdate logistic(String name, long version, int inputs, float scale) {
    float[] weight = new float[2 * inputs];
    for (int i = 0; i < inputs; i++) {
      weight[i] = scale;
      weight[inputs + i] = -scale;
    }
    return update(name, version, "logistic " + inputs + "-2",
        List.of(tensor("dense0.weight", weight, 2, inputs), tensor("dense0.bias", new float[2], 2)));
  }

  /** The scale a test model of {@code version} carries: distinct per version, small enough for a readable probability. */
  public static float scaleOf(long version) {
    return version / 1000f;
  }

  /** Probability of class 0 on an all-ones input for a {@link #logistic} model with {@code scale}. */
  public static double expectedProbability(int inputs, float scale) {
    double[] logits = {(double) inputs * scale, -(double) inputs * scale};
    return 1 / (1 + Math.exp(logits[1] - logits[0]));
  }

  public static ModelUpdate update(String name, long version, String architecture, List<ParameterTensor> parameters) {
    return ModelUpdate.newBuilder().setModelName(name).setVersion(version).setStep(version * 10)
        .setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L + version)).setAlgorithm("andmask")
        .setHyperparameters(Map.of("tau", "0.8")).setArchitecture(architecture).setParameters(parameters)
        .setMetrics(Map.of("accuracy/env-a", 0.75)).setProvenance(List.of(new SourceRange("p.env.a", 0, 0L, version * 100)))
        .setCodeVersion("test").build();
  }

  public static ParameterTensor tensor(String name, float[] values, int... shape) {
    List<Integer> dims = new ArrayList<>();
    for (int dim : shape) {
      dims.add(dim);
    }
    return new ParameterTensor(name, dims, FeatureVectors.encode(values), 0L);
  }

  /** The records a trainer would send for {@code update}: chunked when its values exceed {@code maxBytes}. */
  public static List<ModelChunks.Keyed> split(ModelUpdate update, int maxBytes) {
    return ModelChunks.split(update.getModelName(), update, maxBytes);
  }

  /** A copy of {@code update} with another role. */
  public static ModelUpdate withRole(ModelUpdate update, ModelRole role) {
    return ModelUpdate.newBuilder(update).setRole(role).build();
  }

  public static byte[] bytes(ModelUpdate update) {
    return SERDE.serialize("test", update);
  }
}
