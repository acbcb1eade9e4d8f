package io.invstream.trainer.reference;

import io.invstream.trainer.model.Cnn;
import io.invstream.trainer.model.LogisticRegression;
import io.invstream.trainer.model.Mlp;
import io.invstream.trainer.model.ModelSpec;
import java.util.stream.IntStream;

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

  /** The float64 reference of a trainer model: {@link ReferenceDense} or {@link ReferenceCnn}. */
  static ReferenceModel of(ModelSpec spec) {
    if (spec instanceof Cnn c) {
      return new ReferenceCnn(c.channels(), c.height(), c.width(), c.filters1(), c.filters2(), c.classes());
    }
    if (spec instanceof LogisticRegression l) {
      return new ReferenceDense(l.inputs(), l.classes());
    }
    Mlp m = (Mlp) spec;
    return new ReferenceDense(IntStream.concat(
        IntStream.concat(IntStream.of(m.inputs()), m.hidden().stream().mapToInt(Integer::intValue)),
        IntStream.of(m.classes())).toArray());
  }
}
