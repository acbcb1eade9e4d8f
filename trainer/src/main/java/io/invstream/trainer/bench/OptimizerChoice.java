package io.invstream.trainer.bench;

import io.invstream.trainer.optim.AdamConfig;
import io.invstream.trainer.optim.OptimizerConfig;
import io.invstream.trainer.optim.SgdConfig;

/**
 * The benchmark's optimiser as a command line describes it.
 *
 * @param kind {@code adam} or {@code sgd}
 * @param learningRate or {@code null} for the kind's default: 1e-3 for Adam, 0.01 for SGD
 * @param weightDecay coupled L2 weight decay
 * @param momentum SGD only
 */
public record OptimizerChoice(String kind, Double learningRate, double weightDecay, double momentum) {

  /** Adam with PyTorch's defaults (SGD momentum 0.9 where {@code kind} is changed to {@code sgd}). */
  public static final OptimizerChoice DEFAULTS = new OptimizerChoice("adam", null, 0, 0.9);

  /** The optimiser's settings; refuses an unknown kind. */
  public OptimizerConfig config() {
    return switch (kind) {
      case "adam" -> AdamConfig.of(learningRate == null ? 1e-3 : learningRate, weightDecay);
      case "sgd" -> new SgdConfig(learningRate == null ? 0.01 : learningRate, momentum, weightDecay);
      default -> throw new IllegalArgumentException("--optimizer takes adam or sgd, got " + kind);
    };
  }
}
