package io.invstream.trainer.reference;

/**
 * Float64 forward pass of a model, written independently of the backend, over flat parameters in
 * the model's layout order: the ground truth that finite differences differentiate.
 */
public interface ReferenceModel {

  /** Output of one forward pass: logits {@code [n][K]} and features {@code [n][d]}. */
  record Output(double[][] logits, double[][] features) {}

  Output forward(double[] parameters, double[][] inputs);

  /**
   * Forward-mode directional derivative of the logits along the input direction {@code
   * direction} ({@code [n][inputs]}), {@code [n][K]}; ReLU and max-pool derivatives follow the
   * primal activations (exact almost everywhere).
   */
  double[][] tangent(double[] parameters, double[][] inputs, double[][] direction);
}
