package io.invstream.trainer.step;

import io.invstream.trainer.optim.AdamConfig;

/** {@code torch.optim.Adam} with coupled weight decay, in double, for float64 re-enactments. */
final class ReferenceAdam {

  private final AdamConfig config;
  private final double[] m;
  private final double[] v;
  private int steps;

  ReferenceAdam(AdamConfig config, int size) {
    this.config = config;
    this.m = new double[size];
    this.v = new double[size];
  }

  /** One step of {@code theta} in place from {@code gradient}. */
  void step(double[] theta, double[] gradient) {
    steps++;
    double c1 = 1 - Math.pow(config.beta1(), steps);
    double c2 = 1 - Math.pow(config.beta2(), steps);
    for (int j = 0; j < theta.length; j++) {
      double g = gradient[j] + config.weightDecay() * theta[j];
      m[j] = config.beta1() * m[j] + (1 - config.beta1()) * g;
      v[j] = config.beta2() * v[j] + (1 - config.beta2()) * g * g;
      theta[j] -= config.learningRate() * (m[j] / c1) / (Math.sqrt(v[j] / c2) + config.epsilon());
    }
  }
}
