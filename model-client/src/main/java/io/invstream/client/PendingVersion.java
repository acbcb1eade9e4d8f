package io.invstream.client;

import io.invstream.schemas.ModelUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The records of one chunked version seen so far: its manifest (once it arrives) and its chunks by index. */
final class PendingVersion {

  private final long version;
  private final long firstSeenNanos;
  private final Map<Integer, ModelUpdate> chunks = new TreeMap<>();
  private ModelUpdate manifest;

  PendingVersion(long version, long firstSeenNanos) {
    this.version = version;
    this.firstSeenNanos = firstSeenNanos;
  }

  long version() {
    return version;
  }

  long firstSeenNanos() {
    return firstSeenNanos;
  }

  ModelUpdate manifest() {
    return manifest;
  }

  /** A later record under the same key replaces an earlier one, as compaction would. */
  void setManifest(ModelUpdate update) {
    manifest = update;
  }

  void addChunk(ModelUpdate chunk) {
    chunks.put(chunk.getChunkIndex(), chunk);
  }

  /** True once the manifest and chunks 0..n-1 have all arrived. */
  boolean complete() {
    return manifest != null && IntStream.range(0, manifest.getChunkCount()).allMatch(chunks::containsKey);
  }

  List<ModelUpdate> chunks() {
    return new ArrayList<>(chunks.values());
  }

  /** What is still missing, for rejection messages. */
  String missing() {
    if (manifest == null) {
      return "the manifest is missing (chunks " + chunks.keySet() + " arrived)";
    }
    // A corrupt manifest may claim millions of chunks: name the first few missing ones only.
    long count = IntStream.range(0, manifest.getChunkCount()).filter(i -> !chunks.containsKey(i)).count();
    String absent = IntStream.range(0, manifest.getChunkCount()).filter(i -> !chunks.containsKey(i)).limit(10)
        .mapToObj(String::valueOf).collect(Collectors.joining(", "));
    return "chunks [" + absent + (count > 10 ? ", ..." : "") + "] of " + manifest.getChunkCount() + " are missing";
  }
}
