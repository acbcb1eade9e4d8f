package io.invstream.trainer.optim;

import io.invstream.trainer.param.ParameterLayout;
import io.invstream.trainer.tensor.TensorBackend;

/**
 * SGD with heavy-ball momentum as {@code torch.optim.SGD} (dampening 0, no Nesterov), with
 * coupled weight decay ({@code wd·θ} added to the gradient).
 *
 * @param learningRate positive
 * @param momentum in [0, 1); 0 is plain SGD
 * @param weightDecay non-negative
 */
public record SgdConfig(double learningRate, double momentum, double weightDecay) implements OptimizerConfig {

  /** Validates ranges. */
  public SgdConfig {
    if (!(learningRate > 0) || !(momentum >= 0 && momentum < 1) || !(weightDecay >= 0)) {
      throw new IllegalArgumentException(
          "SGD needs learningRate > 0, momentum in [0, 1), weightDecay >= 0; got "
              + learningRate + ", " + momentum + ", " + weightDecay);
    }
  }

  @Override
  public String name() {
    return "sgd";
  }

  @Override
  public Optimizer build(TensorBackend backend, ParameterLayout layout) {
    return new SgdMomentum(backend, layout, this);
  }

  @Override
  public OptimizerConfig withLearningRate(double lr) {
    return new SgdConfig(lr, momentum, weightDecay);
  }
}
