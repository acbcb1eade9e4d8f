package io.invstream.trainer.session;

import io.invstream.schemas.ComponentState;
import io.invstream.schemas.FeatureVectors;
import io.invstream.schemas.ModelRole;
import io.invstream.schemas.ModelUpdate;
import io.invstream.schemas.ParameterTensor;
import io.invstream.schemas.SourceRange;
import io.invstream.schemas.TrainerStateRecord;
import io.invstream.trainer.param.NamedTensor;
import io.invstream.trainer.param.SavedState;
import io.invstream.trainer.step.Trainer;
import io.invstream.trainer.step.TrainerState;
import io.invstream.trainer.tensor.Shape;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The trainer's full state as a CHECKPOINT-role {@link ModelUpdate}: model parameters under their
 * names, optimiser tensors as {@code optimizer/<name>} and algorithm tensors as {@code algorithm/<name>}
 * (so chunking covers them), and counters and scalar state in {@code trainerState}.
 */
public final class TrainerCheckpoints {

  private static final String OPTIMIZER = "optimizer/";
  private static final String ALGORITHM = "algorithm/";

  private TrainerCheckpoints() {}

  /** A checkpoint of {@code trainer}; {@code version} is the newest serving version published so far. */
  public static ModelUpdate of(String modelName, long version, Trainer trainer, String algorithm, long seed,
      List<SourceRange> provenance, String codeVersion, Instant now) {
    TrainerState state = trainer.exportState();
    List<ParameterTensor> tensors = new ArrayList<>();
    state.parameters().forEach(t -> tensors.add(tensor("", t)));
    state.optimizer().tensors().forEach(t -> tensors.add(tensor(OPTIMIZER, t)));
    state.algorithm().tensors().forEach(t -> tensors.add(tensor(ALGORITHM, t)));
    TrainerStateRecord record = new TrainerStateRecord(state.steps(), state.updates(), seed,
        component(state.optimizer()), component(state.algorithm()));
    return ModelUpdate.newBuilder().setModelName(modelName).setVersion(version).setStep(state.steps()).setCreatedAt(now)
        .setAlgorithm(algorithm).setHyperparameters(trainer.provenance()).setArchitecture(trainer.model().spec().describe())
        .setParameters(tensors).setMetrics(Map.of()).setProvenance(provenance).setCodeVersion(codeVersion)
        .setRole(ModelRole.CHECKPOINT).setTrainerState(record).build();
  }

  /** The trainer state a (whole, assembled) checkpoint holds. */
  public static TrainerState state(ModelUpdate checkpoint) {
    TrainerStateRecord record = checkpoint.getTrainerState();
    if (checkpoint.getRole() != ModelRole.CHECKPOINT || record == null) {
      throw new IllegalArgumentException("Model update " + checkpoint.getModelName() + " v" + checkpoint.getVersion()
          + " is not a checkpoint");
    }
    List<NamedTensor> parameters = new ArrayList<>();
    List<NamedTensor> optimizer = new ArrayList<>();
    List<NamedTensor> algorithm = new ArrayList<>();
    for (ParameterTensor tensor : checkpoint.getParameters()) {
      String name = tensor.getName();
      if (name.startsWith(OPTIMIZER)) {
        optimizer.add(named(name.substring(OPTIMIZER.length()), tensor));
      } else if (name.startsWith(ALGORITHM)) {
        algorithm.add(named(name.substring(ALGORITHM.length()), tensor));
      } else {
        parameters.add(named(name, tensor));
      }
    }
    return new TrainerState(record.getSteps(), record.getUpdates(), parameters,
        saved(record.getOptimizer(), optimizer), saved(record.getAlgorithm(), algorithm));
  }

  private static ComponentState component(SavedState state) {
    return new ComponentState(state.kind(), state.values(), state.tensors().stream().map(NamedTensor::name).toList());
  }

  private static SavedState saved(ComponentState component, List<NamedTensor> tensors) {
    List<NamedTensor> ordered = new ArrayList<>();
    for (String name : component.getTensorNames()) {
      ordered.add(tensors.stream().filter(t -> t.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("Checkpoint lacks tensor '" + name + "' of " + component.getKind())));
    }
    return new SavedState(component.getKind(), component.getValues(), ordered);
  }

  private static ParameterTensor tensor(String prefix, NamedTensor tensor) {
    List<Integer> shape = new ArrayList<>();
    for (int dim : tensor.shape().dims()) {
      shape.add(dim);
    }
    return new ParameterTensor(prefix + tensor.name(), shape, FeatureVectors.encode(tensor.data()), 0L);
  }

  private static NamedTensor named(String name, ParameterTensor tensor) {
    int[] dims = tensor.getShape().stream().mapToInt(Integer::intValue).toArray();
    return new NamedTensor(name, Shape.of(dims), FeatureVectors.decode(tensor.getValues()));
  }
}
