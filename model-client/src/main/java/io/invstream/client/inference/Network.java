package io.invstream.client.inference;

/**
 * A forward pass over fixed, validated parameters. Implementations are immutable and safe to call
 * from any number of threads at once: every call works in buffers of its own.
 */
public interface Network {

  /** Features per example. */
  int inputs();

  /** Number of classes, i.e. logits per example. */
  int classes();

  /**
   * Computes the logits of one example.
   *
   * @param features {@link #inputs()} values (images channels-first {@code [C, H, W]} flattened)
   * @param logits receives {@link #classes()} values
   */
  void logits(float[] features, float[] logits);
}
