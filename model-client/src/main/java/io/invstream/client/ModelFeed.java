package io.invstream.client;

import io.invstream.schemas.AvroSerde;
import io.invstream.schemas.ModelChunks;
import io.invstream.schemas.ModelRole;
import io.invstream.schemas.ModelUpdate;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the records of the models topic, in the order they are read, into serving models that are
 * complete, valid and newer than every model handed out before. Knows nothing of Kafka clients,
 * so it is tested record by record.
 *
 * <p>Only records under {@code <model>} (whole updates and manifests) and {@code
 * <model>/chunk-<i>} with role SERVING count. A chunked version waits until its manifest and all
 * its chunks have arrived (read-committed readers see a transaction's records all at once, but a
 * poll may return them in pieces, and chunks may sit on other partitions); it is dropped when a
 * newer version is served first, and refused when still incomplete after {@code assemblyTimeout}
 * or when more than {@code maxPending} versions wait.
 */
final class ModelFeed {

  private static final Logger LOG = LoggerFactory.getLogger(ModelFeed.class);
  private static final AvroSerde<ModelUpdate> SERDE = AvroSerde.of(ModelUpdate.class);

  private final String modelName;
  private final Duration assemblyTimeout;
  private final int maxPending;
  private final LongSupplier nanoClock;
  private final Consumer<RejectedUpdate> rejections;
  private final TreeMap<Long, PendingVersion> pending = new TreeMap<>();
  private long newestVersion = -1;
  private long rejected;
  private long ignored;

  /**
   * @param rejections told of every refused update
   * @param nanoClock {@link System#nanoTime()} in production; a test's clock in tests
   */
  ModelFeed(String modelName, Duration assemblyTimeout, int maxPending, LongSupplier nanoClock,
      Consumer<RejectedUpdate> rejections) {
    this.modelName = modelName;
    this.assemblyTimeout = assemblyTimeout;
    this.maxPending = maxPending;
    this.nanoClock = nanoClock;
    this.rejections = rejections;
  }

  /**
   * Takes one record of the models topic.
   *
   * @param where the record's position, {@code topic-partition@offset}, for messages
   * @return the model this record completed, if it is valid and newer than every model returned before
   */
  Optional<ServingModel> accept(String key, byte[] value, String where) {
    if (key == null || value == null) {
      return Optional.empty();
    }
    boolean head = key.equals(modelName);
    if (!head && !ModelChunks.isChunkOf(key, modelName)) {
      return Optional.empty();
    }
    ModelUpdate update;
    try {
      update = SERDE.deserialize(where, value);
    } catch (SerializationException e) {
      reject(-1, "undecodable record under key '" + key + "' at " + where + ": " + e.getMessage());
      return Optional.empty();
    }
    return head ? acceptHead(update, where) : acceptChunk(key, update, where);
  }

  /** Refuses the chunked versions that have waited longer than the assembly timeout. */
  void expire() {
    long now = nanoClock.getAsLong();
    Iterator<PendingVersion> waiting = pending.values().iterator();
    while (waiting.hasNext()) {
      PendingVersion version = waiting.next();
      if (now - version.firstSeenNanos() >= assemblyTimeout.toNanos()) {
        waiting.remove();
        reject(version.version(), "incomplete after " + assemblyTimeout.toMillis() + " ms: " + version.missing());
      }
    }
  }

  /** Version of the newest model returned, -1 before the first. */
  long newestVersion() {
    return newestVersion;
  }

  long rejected() {
    return rejected;
  }

  long ignored() {
    return ignored;
  }

  private Optional<ServingModel> acceptHead(ModelUpdate update, String where) {
    if (!relevant(update, where)) {
      return Optional.empty();
    }
    if (update.getChunkIndex() != -1) {
      reject(update.getVersion(), "record at " + where + " under key '" + modelName
          + "' must be a whole update or a manifest (chunkIndex -1), got chunkIndex " + update.getChunkIndex());
      return Optional.empty();
    }
    if (update.getChunkCount() == 0) {
      return complete(update, List.of());
    }
    if (update.getChunkCount() < 0) {
      reject(update.getVersion(), "record at " + where + " has chunkCount " + update.getChunkCount());
      return Optional.empty();
    }
    PendingVersion version = pendingVersion(update.getVersion());
    version.setManifest(update);
    return completeIfReady(version);
  }

  private Optional<ServingModel> acceptChunk(String key, ModelUpdate update, String where) {
    if (!relevant(update, where)) {
      return Optional.empty();
    }
    String expectedKey = ModelChunks.chunkKey(modelName, update.getChunkIndex());
    if (update.getChunkIndex() < 0 || !key.equals(expectedKey)) {
      reject(update.getVersion(), "chunk record at " + where + " under key '" + key + "' has chunkIndex "
          + update.getChunkIndex() + "; expected key '" + expectedKey + "'");
      return Optional.empty();
    }
    PendingVersion version = pendingVersion(update.getVersion());
    version.addChunk(update);
    return completeIfReady(version);
  }

  /** False for records passed over on purpose (checkpoints, versions not newer); refuses foreign model names. */
  private boolean relevant(ModelUpdate update, String where) {
    if (update.getRole() != ModelRole.SERVING) {
      ignored++;
      return false;
    }
    if (!modelName.equals(update.getModelName())) {
      reject(update.getVersion(), "record at " + where + " under model '" + modelName + "' names model '"
          + update.getModelName() + "'");
      return false;
    }
    if (update.getVersion() <= newestVersion) {
      ignored++;
      return false;
    }
    return true;
  }

  private PendingVersion pendingVersion(long version) {
    PendingVersion waiting = pending.get(version);
    if (waiting == null) {
      if (pending.size() >= maxPending) {
        Map.Entry<Long, PendingVersion> oldest = pending.pollFirstEntry();
        reject(oldest.getKey(), "incomplete and evicted (more than " + maxPending + " versions waiting): "
            + oldest.getValue().missing());
      }
      waiting = new PendingVersion(version, nanoClock.getAsLong());
      pending.put(version, waiting);
    }
    return waiting;
  }

  private Optional<ServingModel> completeIfReady(PendingVersion version) {
    if (!version.complete()) {
      return Optional.empty();
    }
    pending.remove(version.version());
    return complete(version.manifest(), version.chunks());
  }

  private Optional<ServingModel> complete(ModelUpdate head, List<ModelUpdate> chunks) {
    ServingModel model;
    try {
      model = ModelAssembly.assemble(head, chunks);
    } catch (InvalidModelException e) {
      reject(head.getVersion(), e.getMessage());
      return Optional.empty();
    }
    newestVersion = model.version();
    dropSuperseded();
    return Optional.of(model);
  }

  /** Older versions still waiting for chunks can no longer be served: the newer one wins. */
  private void dropSuperseded() {
    Map<Long, PendingVersion> older = pending.headMap(newestVersion, true);
    if (!older.isEmpty()) {
      LOG.debug("Model '{}': dropping incomplete versions {}, superseded by version {}", modelName, older.keySet(), newestVersion);
      ignored += older.size();
      older.clear();
    }
  }

  private void reject(long version, String reason) {
    rejected++;
    rejections.accept(new RejectedUpdate(modelName, version, reason));
  }
}
