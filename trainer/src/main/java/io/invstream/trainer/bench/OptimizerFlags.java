package io.invstream.trainer.bench;

import io.invstream.trainer.optim.AdamConfig;
import io.invstream.trainer.optim.OptimizerConfig;
import io.invstream.trainer.optim.SgdConfig;
import java.util.List;

/**
 * The benchmark's optimiser flags: {@code --optimizer adam|sgd} (adam), {@code --lr x} (1e-3
 * for Adam, 0.01 for SGD), {@code --weight-decay x} (0), {@code --momentum x} (SGD, 0.9).
 */
record OptimizerFlags(String kind, Double learningRate, double weightDecay, double momentum) {

  static final OptimizerFlags DEFAULTS = new OptimizerFlags("adam", null, 0, 0.9);

  OptimizerFlags with(String flag, String value) {
    return switch (flag) {
      case "--optimizer" -> new OptimizerFlags(value, learningRate, weightDecay, momentum);
      case "--lr" -> new OptimizerFlags(kind, Double.parseDouble(value), weightDecay, momentum);
      case "--weight-decay" -> new OptimizerFlags(kind, learningRate, Double.parseDouble(value), momentum);
      case "--momentum" -> new OptimizerFlags(kind, learningRate, weightDecay, Double.parseDouble(value));
      default -> throw new IllegalArgumentException("not an optimiser flag: " + flag);
    };
  }

  static boolean isOptimizerFlag(String flag) {
    return List.of("--optimizer", "--lr", "--weight-decay", "--momentum").contains(flag);
  }

  OptimizerConfig config() {
    return switch (kind) {
      case "adam" -> AdamConfig.of(learningRate == null ? 1e-3 : learningRate, weightDecay);
      case "sgd" -> new SgdConfig(learningRate == null ? 0.01 : learningRate, momentum, weightDecay);
      default -> throw new IllegalArgumentException("--optimizer takes adam or sgd, got " + kind);
    };
  }
}
