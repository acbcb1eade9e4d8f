package io.invstream.client;

/**
 * An inclusive range of offsets of one input topic partition a model has trained on (cumulative
 * over the model's history, as the trainer records it).
 *
 * @param topic input topic, e.g. {@code invstream.env.hospital-a}
 * @param partition partition of that topic
 * @param firstOffset first offset trained on
 * @param lastOffset last offset trained on
 */
public record InputRange(String topic, int partition, long firstOffset, long lastOffset) {

  /** True when {@code offset} of this topic partition lies inside the range. */
  public boolean covers(String otherTopic, int otherPartition, long offset) {
    return topic.equals(otherTopic) && partition == otherPartition && offset >= firstOffset && offset <= lastOffset;
  }
}
