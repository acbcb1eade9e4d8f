package io.invstream.schemas;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits model updates too large for one Kafka message into a manifest and chunks, and puts them
 * back together, checking that nothing is missing.
 *
 * <p>The manifest keeps the record key ({@code <model>} or {@code <model>/checkpoint}) and every
 * field but the parameters, with {@code chunkCount = n}; chunk {@code i} goes under
 * {@code <key>/chunk-<i>} with {@code chunkIndex = i} and a share of the parameters, a tensor
 * larger than a chunk being cut into slices with element {@code offset}s. Writers send all of them
 * in one transaction, so read-committed readers see either all or none.
 */
public final class ModelChunks {

  /** Serialised bytes per chunk left for everything but parameter values. */
  private static final int OVERHEAD = 64 * 1024;

  private ModelChunks() {}

  /** A record key and the update to send under it. */
  public record Keyed(String key, ModelUpdate update) {}

  /** Key of chunk {@code index} of the update sent under {@code key}. */
  public static String chunkKey(String key, int index) {
    return key + "/chunk-" + index;
  }

  /** True when {@code recordKey} is a chunk of an update sent under {@code key}. */
  public static boolean isChunkOf(String recordKey, String key) {
    return recordKey.startsWith(key + "/chunk-");
  }

  /** The update as one record when its parameter values fit in {@code maxBytes}, else a manifest plus chunks (manifest last). */
  public static List<Keyed> split(String key, ModelUpdate update, int maxBytes) {
    if (maxBytes <= OVERHEAD) {
      throw new IllegalArgumentException("maxBytes must exceed " + OVERHEAD + ", got " + maxBytes);
    }
    long payload = update.getParameters().stream().mapToLong(t -> t.getValues().remaining()).sum();
    if (payload + OVERHEAD <= maxBytes) {
      return List.of(new Keyed(key, update));
    }
    int budget = (maxBytes - OVERHEAD) / Float.BYTES * Float.BYTES;
    List<List<ParameterTensor>> chunks = new ArrayList<>();
    List<ParameterTensor> current = new ArrayList<>();
    int used = 0;
    for (ParameterTensor tensor : update.getParameters()) {
      ByteBuffer values = tensor.getValues().duplicate();
      long offset = tensor.getOffset();
      while (values.hasRemaining()) {
        if (used == budget) {
          chunks.add(current);
          current = new ArrayList<>();
          used = 0;
        }
        int take = Math.min(values.remaining(), budget - used);
        ByteBuffer slice = values.slice();
        slice.limit(take);
        byte[] copy = new byte[take];
        slice.get(copy);
        current.add(new ParameterTensor(tensor.getName(), tensor.getShape(), ByteBuffer.wrap(copy), offset));
        values.position(values.position() + take);
        offset += take / Float.BYTES;
        used += take;
      }
    }
    if (!current.isEmpty()) {
      chunks.add(current);
    }
    List<Keyed> out = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      ModelUpdate chunk = ModelUpdate.newBuilder(update).setParameters(chunks.get(i)).setChunkIndex(i).setChunkCount(chunks.size())
          .setHyperparameters(Map.of()).setMetrics(Map.of()).setProvenance(List.of()).setTrainerState(null).build();
      out.add(new Keyed(chunkKey(key, i), chunk));
    }
    ModelUpdate manifest = ModelUpdate.newBuilder(update).setParameters(List.of()).setChunkIndex(-1).setChunkCount(chunks.size()).build();
    out.add(new Keyed(key, manifest));
    return out;
  }

  /**
   * The whole update a manifest describes, from its chunks (any order; other versions ignored).
   *
   * @throws IncompleteModelException if a chunk is missing, a tensor is not fully covered, or sizes disagree
   */
  public static ModelUpdate assemble(ModelUpdate manifest, List<ModelUpdate> chunks) {
    if (manifest.getChunkCount() == 0) {
      checkComplete(manifest.getParameters(), manifest);
      return manifest;
    }
    ModelUpdate[] byIndex = new ModelUpdate[manifest.getChunkCount()];
    for (ModelUpdate chunk : chunks) {
      if (chunk.getVersion() == manifest.getVersion() && chunk.getRole() == manifest.getRole()
          && chunk.getChunkIndex() >= 0 && chunk.getChunkIndex() < byIndex.length) {
        byIndex[chunk.getChunkIndex()] = chunk;
      }
    }
    Map<String, List<ParameterTensor>> slices = new LinkedHashMap<>();
    for (int i = 0; i < byIndex.length; i++) {
      if (byIndex[i] == null) {
        throw new IncompleteModelException("chunk " + i + " of " + byIndex.length + " of " + describe(manifest) + " is missing");
      }
      for (ParameterTensor slice : byIndex[i].getParameters()) {
        slices.computeIfAbsent(slice.getName(), n -> new ArrayList<>()).add(slice);
      }
    }
    List<ParameterTensor> tensors = new ArrayList<>();
    for (List<ParameterTensor> parts : slices.values()) {
      tensors.add(join(parts, manifest));
    }
    checkComplete(tensors, manifest);
    return ModelUpdate.newBuilder(manifest).setParameters(tensors).setChunkCount(0).setChunkIndex(-1).build();
  }

  private static ParameterTensor join(List<ParameterTensor> parts, ModelUpdate manifest) {
    parts.sort(Comparator.comparingLong(ParameterTensor::getOffset));
    ParameterTensor first = parts.get(0);
    long elements = elements(first.getShape());
    ByteBuffer whole = ByteBuffer.allocate(Math.toIntExact(elements * Float.BYTES));
    long expected = 0;
    for (ParameterTensor part : parts) {
      if (part.getOffset() != expected) {
        throw new IncompleteModelException("tensor " + first.getName() + " of " + describe(manifest) + " has a gap at element " + expected);
      }
      ByteBuffer values = part.getValues().duplicate();
      if (whole.remaining() < values.remaining()) {
        throw new IncompleteModelException("tensor " + first.getName() + " of " + describe(manifest) + " has more values than its shape");
      }
      expected += values.remaining() / Float.BYTES;
      whole.put(values);
    }
    whole.flip();
    return new ParameterTensor(first.getName(), first.getShape(), whole, 0L);
  }

  private static void checkComplete(List<ParameterTensor> tensors, ModelUpdate manifest) {
    for (ParameterTensor tensor : tensors) {
      long expected = elements(tensor.getShape()) * Float.BYTES;
      if (tensor.getOffset() != 0 || tensor.getValues().remaining() != expected) {
        throw new IncompleteModelException("tensor " + tensor.getName() + " of " + describe(manifest) + " holds "
            + tensor.getValues().remaining() + " bytes at offset " + tensor.getOffset() + "; its shape " + tensor.getShape()
            + " needs " + expected);
      }
    }
  }

  private static long elements(List<Integer> shape) {
    long n = 1;
    for (int dim : shape) {
      n *= dim;
    }
    return n;
  }

  private static String describe(ModelUpdate update) {
    return update.getModelName() + " v" + update.getVersion() + " (" + update.getRole() + ")";
  }

  /** An update that cannot be put together: a chunk or part of a tensor is missing. */
  public static final class IncompleteModelException extends IllegalStateException {
    public IncompleteModelException(String message) {
      super(message);
    }
  }
}
