package io.invstream.trainer.step;

import io.invstream.trainer.algorithm.BackwardPhase;
import io.invstream.trainer.algorithm.ForwardPhase;
import io.invstream.trainer.algorithm.InvariantAlgorithm;
import io.invstream.trainer.algorithm.UpdateKind;
import io.invstream.trainer.hparam.Hyperparameters;
import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.param.SavedState;
import io.invstream.trainer.reference.HostTensors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Wraps an algorithm and copies what the pipeline hands it to the host: each environment's
 * parameter gradient and the combined update, so tests can compare them with finite differences.
 * An optional extra forward hook lets tests act as a future algorithm would.
 */
final class RecordingAlgorithm implements InvariantAlgorithm {

  private final InvariantAlgorithm delegate;
  private final Consumer<ForwardPhase> extraForwardHook;
  final List<double[]> environmentGradients = new ArrayList<>();
  double[] update;
  UpdateKind kind;
  int afterUpdateCalls;

  RecordingAlgorithm(InvariantAlgorithm delegate) {
    this(delegate, step -> {});
  }

  RecordingAlgorithm(InvariantAlgorithm delegate, Consumer<ForwardPhase> extraForwardHook) {
    this.delegate = delegate;
    this.extraForwardHook = extraForwardHook;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Hyperparameters hyperparameters() {
    return delegate.hyperparameters();
  }

  @Override
  public void adjustOutputGradients(ForwardPhase step) {
    delegate.adjustOutputGradients(step);
    extraForwardHook.accept(step);
  }

  @Override
  public UpdateKind combine(BackwardPhase step, ParameterBlock out) {
    UpdateKind kind = delegate.combine(step, out);
    environmentGradients.clear();
    for (int e = 0; e < step.environments(); e++) {
      environmentGradients.add(HostTensors.flatten(step.backend(), step.gradient(e)));
    }
    update = HostTensors.flatten(step.backend(), out);
    this.kind = kind;
    return kind;
  }

  @Override
  public void afterUpdate(BackwardPhase step) {
    afterUpdateCalls++;
    delegate.afterUpdate(step);
  }

  @Override
  public SavedState exportState() {
    return delegate.exportState();
  }

  @Override
  public void importState(SavedState state) {
    delegate.importState(state);
  }
}
