package io.invstream.trainer.model;

import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.random.RandomGenerator;

/**
 * PyTorch's default initialisation of linear and conv layers (Kaiming-uniform with a = √5 for
 * weights, which reduces to the same bound as the bias): every value uniform in {@code
 * ±1/sqrt(fan_in)}. Drawn on the host in parameter order, so one seed gives the same model on
 * every backend.
 */
final class FanInUniform {

  private FanInUniform() {}

  static void fill(TensorBackend backend, ParameterBlock params, int index, int fanIn, RandomGenerator random) {
    float[] values = new float[Math.toIntExact(params.tensor(index).size())];
    double bound = 1.0 / Math.sqrt(fanIn);
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) ((2 * random.nextDouble() - 1) * bound);
    }
    backend.upload(values, params.tensor(index));
  }
}
