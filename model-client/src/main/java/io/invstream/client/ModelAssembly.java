package io.invstream.client;

import io.invstream.client.inference.Architecture;
import io.invstream.client.inference.ParameterShape;
import io.invstream.schemas.FeatureVectors;
import io.invstream.schemas.ModelChunks;
import io.invstream.schemas.ModelRole;
import io.invstream.schemas.ModelUpdate;
import io.invstream.schemas.ParameterTensor;
import io.invstream.schemas.SourceRange;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a whole update, or a manifest and its chunks, into a {@link ServingModel}, checking on the
 * way everything that could make a served model partial or wrong: every chunk present, every
 * tensor covered exactly by its slices, one shape per tensor, the architecture known, the tensors
 * exactly the architecture's, every value finite.
 */
final class ModelAssembly {

  private ModelAssembly() {}

  static ServingModel assemble(ModelUpdate head, List<ModelUpdate> chunks) {
    String what = "model '" + head.getModelName() + "' version " + head.getVersion();
    if (head.getRole() != ModelRole.SERVING) {
      throw new InvalidModelException(what + " is a " + head.getRole() + " record, not a serving model");
    }
    if (head.getChunkIndex() != -1 || head.getChunkCount() < 0) {
      throw new InvalidModelException(what + ": a whole update or manifest needs chunkIndex -1 and chunkCount >= 0, got "
          + head.getChunkIndex() + " and " + head.getChunkCount());
    }
    requireOneShapePerTensor(what, head, chunks);
    ModelUpdate whole;
    try {
      whole = ModelChunks.assemble(head, chunks);
    } catch (RuntimeException e) {
      // Beyond the missing chunks and gaps ModelChunks reports, absurd shapes surface as arithmetic errors.
      throw new InvalidModelException(what + " cannot be assembled: " + e.getMessage(), e);
    }
    Architecture architecture;
    try {
      architecture = Architecture.parse(whole.getArchitecture());
    } catch (IllegalArgumentException e) {
      throw new InvalidModelException(what + ": " + e.getMessage(), e);
    }
    Map<String, float[]> parameters = parameters(what, architecture, whole.getParameters());
    return ServingModel.of(metadata(head), parameters);
  }

  /**
   * Slices of one tensor spread over chunks must all declare the same shape and together carry
   * exactly its element count; checked before joining, so a corrupt shape can never make the join
   * allocate more than the record actually holds.
   */
  private static void requireOneShapePerTensor(String what, ModelUpdate head, List<ModelUpdate> chunks) {
    Map<String, List<Integer>> shapes = new HashMap<>();
    Map<String, Long> bytes = new HashMap<>();
    check(what, shapes, bytes, head.getParameters());
    for (ModelUpdate chunk : chunks) {
      if (chunk.getVersion() == head.getVersion()) {
        check(what, shapes, bytes, chunk.getParameters());
      }
    }
    shapes.forEach((name, shape) -> {
      long elements = 1;
      for (int dim : shape) {
        elements *= dim;
        if (elements > Integer.MAX_VALUE) {
          throw new InvalidModelException(what + ": tensor '" + name + "' of shape " + shape + " is too large to hold");
        }
      }
      long carried = bytes.get(name) / Float.BYTES;
      if (carried != elements) {
        throw new InvalidModelException(what + ": tensor '" + name + "' of shape " + shape + " needs " + elements
            + " values, its slices carry " + carried);
      }
    });
  }

  private static void check(String what, Map<String, List<Integer>> shapes, Map<String, Long> bytes,
      List<ParameterTensor> slices) {
    for (ParameterTensor slice : slices) {
      List<Integer> known = shapes.putIfAbsent(slice.getName(), slice.getShape());
      if (known != null && !known.equals(slice.getShape())) {
        throw new InvalidModelException(what + ": tensor '" + slice.getName() + "' is declared with shapes " + known
            + " and " + slice.getShape());
      }
      if (slice.getShape().stream().anyMatch(dim -> dim <= 0)) {
        throw new InvalidModelException(what + ": tensor '" + slice.getName() + "' has shape " + slice.getShape()
            + "; every dimension must be positive");
      }
      if (slice.getValues().remaining() % Float.BYTES != 0) {
        throw new InvalidModelException(what + ": tensor '" + slice.getName() + "' holds " + slice.getValues().remaining()
            + " bytes, not a whole number of float32 values");
      }
      bytes.merge(slice.getName(), (long) slice.getValues().remaining(), Long::sum);
    }
  }

  private static Map<String, float[]> parameters(String what, Architecture architecture, List<ParameterTensor> tensors) {
    Map<String, ParameterTensor> byName = new LinkedHashMap<>();
    for (ParameterTensor tensor : tensors) {
      if (byName.put(tensor.getName(), tensor) != null) {
        throw new InvalidModelException(what + ": tensor '" + tensor.getName() + "' appears twice");
      }
    }
    Map<String, float[]> values = new LinkedHashMap<>();
    for (ParameterShape expected : architecture.parameters()) {
      ParameterTensor tensor = byName.remove(expected.name());
      if (tensor == null) {
        throw new InvalidModelException(what + ": tensor '" + expected.name() + "' of '" + architecture.describe()
            + "' is missing");
      }
      if (!tensor.getShape().equals(expected.shape())) {
        throw new InvalidModelException(what + ": tensor '" + expected.name() + "' has shape " + tensor.getShape()
            + "; '" + architecture.describe() + "' needs " + expected.shape());
      }
      values.put(expected.name(), FeatureVectors.decode(tensor.getValues()));
    }
    if (!byName.isEmpty()) {
      throw new InvalidModelException(what + ": tensors " + byName.keySet() + " are not parameters of '"
          + architecture.describe() + "'");
    }
    return values;
  }

  private static ModelMetadata metadata(ModelUpdate head) {
    List<InputRange> provenance = head.getProvenance().stream().map(ModelAssembly::range).toList();
    return new ModelMetadata(head.getModelName(), head.getVersion(), head.getStep(), head.getCreatedAt(), head.getAlgorithm(),
        head.getHyperparameters(), head.getArchitecture(), head.getMetrics(), provenance, head.getCodeVersion(),
        head.getChunkCount());
  }

  private static InputRange range(SourceRange source) {
    return new InputRange(source.getTopic(), source.getPartition(), source.getFirstOffset(), source.getLastOffset());
  }
}
