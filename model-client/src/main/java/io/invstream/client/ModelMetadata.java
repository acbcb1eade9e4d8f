package io.invstream.client;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a published model says about itself besides its parameters.
 *
 * @param name model name (the record key it was published under)
 * @param version strictly increasing per model name
 * @param step trainer steps taken when it was published
 * @param createdAt when the trainer built the update
 * @param algorithm training algorithm, e.g. {@code andmask}
 * @param hyperparameters the algorithm's and optimiser's settings
 * @param architecture description, e.g. {@code mlp 784-256-10}
 * @param metrics figures at publish time (accuracies, losses)
 * @param provenance input offsets trained on, per topic partition
 * @param codeVersion version of the code that trained it
 * @param chunks chunk records it arrived in; 0 when its parameters were inline
 */
public record ModelMetadata(String name, long version, long step, Instant createdAt, String algorithm,
    Map<String, String> hyperparameters, String architecture, Map<String, Double> metrics, List<InputRange> provenance,
    String codeVersion, int chunks) {

  /** Copies the collections, keeping the maps' order. */
  public ModelMetadata {
    hyperparameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
    metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    provenance = List.copyOf(provenance);
  }

  /**
   * The last offset of {@code topic}/{@code partition} this model has trained on, or -1 when its
   * provenance does not name that partition.
   */
  public long lastOffset(String topic, int partition) {
    long last = -1;
    for (InputRange range : provenance) {
      if (range.topic().equals(topic) && range.partition() == partition) {
        last = Math.max(last, range.lastOffset());
      }
    }
    return last;
  }
}
