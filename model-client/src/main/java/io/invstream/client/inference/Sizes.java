package io.invstream.client.inference;

/** Argument checks shared by the forward passes. */
final class Sizes {

  private Sizes() {}

  static void require(Network network, float[] features, float[] logits) {
    if (features.length != network.inputs()) {
      throw new IllegalArgumentException("expected " + network.inputs() + " features, got " + features.length);
    }
    if (logits.length != network.classes()) {
      throw new IllegalArgumentException("expected room for " + network.classes() + " logits, got " + logits.length);
    }
  }
}
