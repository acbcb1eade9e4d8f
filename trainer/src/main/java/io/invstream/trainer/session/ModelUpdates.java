package io.invstream.trainer.session;

import io.invstream.schemas.FeatureVectors;
import io.invstream.schemas.ModelUpdate;
import io.invstream.schemas.ParameterTensor;
import io.invstream.schemas.SourceRange;
import io.invstream.trainer.param.NamedTensor;
import io.invstream.trainer.step.Trainer;
import io.invstream.trainer.tensor.Shape;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Converts between a trainer's parameters and the published {@link ModelUpdate} message. */
public final class ModelUpdates {

  private ModelUpdates() {}

  /**
   * A model update carrying the trainer's current parameters and its provenance.
   *
   * @param metrics figures at publish time (accuracies, losses) to record with the model
   * @param provenance input offsets the model has trained on
   */
  public static ModelUpdate of(String modelName, long version, Trainer trainer, String algorithm, Map<String, Double> metrics,
      List<SourceRange> provenance, String codeVersion, Instant now) {
    List<ParameterTensor> parameters = new ArrayList<>();
    for (NamedTensor tensor : trainer.model().parameters().export(trainer.backend())) {
      List<Integer> shape = new ArrayList<>();
      for (int dim : tensor.shape().dims()) {
        shape.add(dim);
      }
      parameters.add(new ParameterTensor(tensor.name(), shape, FeatureVectors.encode(tensor.data()), 0L));
    }
    return ModelUpdate.newBuilder().setModelName(modelName).setVersion(version).setStep(trainer.steps()).setCreatedAt(now)
        .setAlgorithm(algorithm).setHyperparameters(trainer.provenance()).setArchitecture(trainer.model().spec().describe())
        .setParameters(parameters).setMetrics(metrics).setProvenance(provenance).setCodeVersion(codeVersion).build();
  }

  /** True when every parameter of the trainer's model is finite: the condition for publishing it. */
  public static boolean finite(Trainer trainer) {
    for (NamedTensor tensor : trainer.model().parameters().export(trainer.backend())) {
      for (float value : tensor.data()) {
        if (!Float.isFinite(value)) {
          return false;
        }
      }
    }
    return true;
  }

  /** The parameters of {@code update} as the trainer's named tensors. */
  public static List<NamedTensor> parameters(ModelUpdate update) {
    List<NamedTensor> tensors = new ArrayList<>();
    for (ParameterTensor tensor : update.getParameters()) {
      int[] dims = tensor.getShape().stream().mapToInt(Integer::intValue).toArray();
      tensors.add(new NamedTensor(tensor.getName(), Shape.of(dims), FeatureVectors.decode(tensor.getValues())));
    }
    return tensors;
  }
}
