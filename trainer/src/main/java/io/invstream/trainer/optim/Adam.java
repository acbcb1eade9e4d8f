package io.invstream.trainer.optim;

import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.param.ParameterLayout;
import io.invstream.trainer.param.SavedState;
import io.invstream.trainer.tensor.AdamCoefficients;
import io.invstream.trainer.tensor.TensorBackend;
import io.invstream.trainer.param.NamedTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba, 2015) with PyTorch's update order; see {@link AdamConfig} for the weight
 * decay. One fused kernel call over the flat buffers per step.
 *
 * <pre>
 *   g ← g + wd·θ
 *   m ← β1 m + (1 − β1) g          v ← β2 v + (1 − β2) g²
 *   θ ← θ − α · (m / (1 − β1^t)) / (sqrt(v / (1 − β2^t)) + ε)
 * </pre>
 */
public final class Adam implements Optimizer {

  private static final String KIND = "adam";

  private final TensorBackend backend;
  private final AdamConfig config;
  private final ParameterBlock m;
  private final ParameterBlock v;
  private long steps;

  public Adam(TensorBackend backend, ParameterLayout layout, AdamConfig config) {
    this.backend = backend;
    this.config = config;
    this.m = layout.allocate(backend);
    this.v = layout.allocate(backend);
  }

  @Override
  public AdamConfig config() {
    return config;
  }

  @Override
  public void step(ParameterBlock parameters, ParameterBlock gradient) {
    steps++;
    AdamCoefficients c =
        new AdamCoefficients(
            (float) config.learningRate(),
            (float) config.beta1(),
            (float) config.beta2(),
            (float) config.epsilon(),
            (float) config.weightDecay(),
            1 - Math.pow(config.beta1(), steps),
            1 - Math.pow(config.beta2(), steps));
    backend.adamStep(parameters.flat(), gradient.flat(), m.flat(), v.flat(), c);
  }

  @Override
  public void reset() {
    backend.fill(m.flat(), 0f);
    backend.fill(v.flat(), 0f);
    steps = 0;
  }

  @Override
  public long steps() {
    return steps;
  }

  @Override
  public SavedState exportState() {
    List<NamedTensor> tensors = new ArrayList<>();
    tensors.addAll(OptimizerStateTensors.export(backend, "m", m));
    tensors.addAll(OptimizerStateTensors.export(backend, "v", v));
    return new SavedState(KIND, Map.of("steps", Long.toString(steps)), tensors);
  }

  @Override
  public void copyStateFrom(Optimizer source) {
    if (!(source instanceof Adam other)) {
      throw new IllegalArgumentException("cannot copy the state of " + source.config().name() + " into adam");
    }
    m.copyFrom(backend, other.m);
    v.copyFrom(backend, other.v);
    steps = other.steps;
  }

  @Override
  public void importState(SavedState state) {
    state.requireKind(KIND);
    OptimizerStateTensors.load(backend, "m", m, state);
    OptimizerStateTensors.load(backend, "v", v, state);
    steps = Long.parseLong(state.value("steps"));
  }
}
