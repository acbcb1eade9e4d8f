package io.invstream.trainer.optim;

import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.param.ParameterLayout;
import io.invstream.trainer.param.SavedState;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.Map;

/**
 * SGD with momentum as PyTorch: {@code g ← g + wd·θ}; {@code b ← μ b + g}; {@code θ ← θ − lr·b}.
 */
public final class SgdMomentum implements Optimizer {

  private static final String KIND = "sgd";

  private final TensorBackend backend;
  private final SgdConfig config;
  private final ParameterBlock velocity;
  private long steps;

  public SgdMomentum(TensorBackend backend, ParameterLayout layout, SgdConfig config) {
    this.backend = backend;
    this.config = config;
    this.velocity = layout.allocate(backend);
  }

  @Override
  public SgdConfig config() {
    return config;
  }

  @Override
  public void step(ParameterBlock parameters, ParameterBlock gradient) {
    steps++;
    backend.sgdMomentumStep(
        parameters.flat(),
        gradient.flat(),
        velocity.flat(),
        (float) config.learningRate(),
        (float) config.momentum(),
        (float) config.weightDecay());
  }

  @Override
  public void reset() {
    backend.fill(velocity.flat(), 0f);
    steps = 0;
  }

  @Override
  public long steps() {
    return steps;
  }

  @Override
  public SavedState exportState() {
    return new SavedState(
        KIND, Map.of("steps", Long.toString(steps)), OptimizerStateTensors.export(backend, "velocity", velocity));
  }

  @Override
  public void copyStateFrom(Optimizer source) {
    if (!(source instanceof SgdMomentum other)) {
      throw new IllegalArgumentException("cannot copy the state of " + source.config().name() + " into sgd");
    }
    velocity.copyFrom(backend, other.velocity);
    steps = other.steps;
  }

  @Override
  public void importState(SavedState state) {
    state.requireKind(KIND);
    OptimizerStateTensors.load(backend, "velocity", velocity, state);
    steps = Long.parseLong(state.value("steps"));
  }
}
