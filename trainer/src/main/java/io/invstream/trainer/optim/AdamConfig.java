package io.invstream.trainer.optim;

import io.invstream.trainer.param.ParameterLayout;
import io.invstream.trainer.tensor.TensorBackend;

/**
 * Adam as {@code torch.optim.Adam}, including its <em>coupled</em> weight decay: {@code wd·θ} is
 * added to the gradient before the moments, so it is rescaled by the adaptive denominator (this
 * is L2 regularisation, not AdamW's decoupled decay). DomainBed, and the AND-mask paper's "L2
 * 1e-4", use exactly this; the decay still acts on weights whose gradient AND-mask zeroed.
 *
 * @param learningRate α, positive
 * @param beta1 first-moment decay in [0, 1)
 * @param beta2 second-moment decay in [0, 1)
 * @param epsilon added to the denominator, positive
 * @param weightDecay coupled L2 coefficient, non-negative
 */
public record AdamConfig(double learningRate, double beta1, double beta2, double epsilon, double weightDecay)
    implements OptimizerConfig {

  /** PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, no weight decay. */
  public static final AdamConfig DEFAULTS = new AdamConfig(1e-3, 0.9, 0.999, 1e-8, 0.0);

  /** Validates ranges. */
  public AdamConfig {
    if (!(learningRate > 0) || !(epsilon > 0) || !(weightDecay >= 0)) {
      throw new IllegalArgumentException(
          "Adam needs learningRate > 0, epsilon > 0, weightDecay >= 0; got " + learningRate + ", " + epsilon + ", " + weightDecay);
    }
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
    }
  }

  /** Defaults with the given learning rate and weight decay. */
  public static AdamConfig of(double learningRate, double weightDecay) {
    return new AdamConfig(learningRate, DEFAULTS.beta1, DEFAULTS.beta2, DEFAULTS.epsilon, weightDecay);
  }

  @Override
  public String name() {
    return "adam";
  }

  @Override
  public Optimizer build(TensorBackend backend, ParameterLayout layout) {
    return new Adam(backend, layout, this);
  }

  @Override
  public OptimizerConfig withLearningRate(double lr) {
    return new AdamConfig(lr, beta1, beta2, epsilon, weightDecay);
  }
}
