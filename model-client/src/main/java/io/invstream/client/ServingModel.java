package io.invstream.client;

import io.invstream.client.inference.Architecture;
import io.invstream.client.inference.Network;
import io.invstream.schemas.ModelUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One complete, validated model version ready to predict: immutable, and safe to use from any
 * number of threads at once. Its forward pass is the trainer's, in plain Java.
 */
public final class ServingModel {

  private final ModelMetadata metadata;
  private final Architecture architecture;
  private final Network network;

  private ServingModel(ModelMetadata metadata, Architecture architecture, Network network) {
    this.metadata = metadata;
    this.architecture = architecture;
    this.network = network;
  }

  /**
   * A model from parameters by tensor name (each flattened row-major in the trainer's layout).
   *
   * @throws InvalidModelException if the architecture is unknown or a tensor is missing, unexpected,
   *     of the wrong size or not finite
   */
  public static ServingModel of(ModelMetadata metadata, Map<String, float[]> parameters) {
    Architecture architecture;
    try {
      architecture = Architecture.parse(metadata.architecture());
      return new ServingModel(metadata, architecture, architecture.network(parameters));
    } catch (IllegalArgumentException e) {
      throw new InvalidModelException(describe(metadata) + ": " + e.getMessage(), e);
    }
  }

  /**
   * A model from an update whose parameters are inline ({@code chunkCount = 0}).
   *
   * @throws InvalidModelException if it cannot be served
   */
  public static ServingModel fromUpdate(ModelUpdate update) {
    return ModelAssembly.assemble(update, List.of());
  }

  /**
   * A model from a manifest and its chunk records, in any order; chunks of other versions are ignored.
   *
   * @throws InvalidModelException if a chunk is missing or the assembled model cannot be served
   */
  public static ServingModel fromChunks(ModelUpdate manifest, List<ModelUpdate> chunks) {
    return ModelAssembly.assemble(manifest, chunks);
  }

  /** Name, version, provenance and the rest of what the update said about itself. */
  public ModelMetadata metadata() {
    return metadata;
  }

  /** Shortcut for {@code metadata().version()}. */
  public long version() {
    return metadata.version();
  }

  /** The architecture its parameters belong to. */
  public Architecture architecture() {
    return architecture;
  }

  /** Features per example. */
  public int inputs() {
    return network.inputs();
  }

  /** Number of classes. */
  public int classes() {
    return network.classes();
  }

  /**
   * Class probabilities and the predicted class of one example.
   *
   * @param features {@link #inputs()} finite values; images channels-first {@code [C, H, W]} flattened
   * @throws IllegalArgumentException if the count is wrong or a value is NaN or infinite
   */
  public Prediction predict(float[] features) {
    requireFinite(features);
    float[] logits = new float[network.classes()];
    network.logits(features, logits);
    return Softmax.of(logits);
  }

  /** {@link #predict(float[])} for each row, in order. */
  public List<Prediction> predictAll(List<float[]> rows) {
    List<Prediction> out = new ArrayList<>(rows.size());
    for (float[] row : rows) {
      out.add(predict(row));
    }
    return out;
  }

  private void requireFinite(float[] features) {
    if (features.length != network.inputs()) {
      throw new IllegalArgumentException(
          "model '" + metadata.architecture() + "' expects " + network.inputs() + " features, got " + features.length);
    }
    for (int i = 0; i < features.length; i++) {
      if (!Float.isFinite(features[i])) {
        throw new IllegalArgumentException("feature " + i + " is " + features[i] + "; features must be finite numbers");
      }
    }
  }

  static String describe(ModelMetadata metadata) {
    return "model '" + metadata.name() + "' version " + metadata.version();
  }

  @Override
  public String toString() {
    return "ServingModel[" + metadata.name() + " v" + metadata.version() + ", " + metadata.architecture() + "]";
  }
}
