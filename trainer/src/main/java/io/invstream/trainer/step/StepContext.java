package io.invstream.trainer.step;

import io.invstream.trainer.algorithm.BackwardPhase;
import io.invstream.trainer.algorithm.EnvironmentOutputs;
import io.invstream.trainer.model.Model;
import io.invstream.trainer.model.Tape;
import io.invstream.trainer.optim.Optimizer;
import io.invstream.trainer.param.GradientStack;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The state of one step as the algorithm hooks see it; one instance per step. */
final class StepContext implements BackwardPhase {

  private final TensorBackend backend;
  private final Model model;
  private final Tape tape;
  private final Optimizer optimizer;
  private final long updateCount;
  private final List<EnvironmentView> environments = new ArrayList<>();
  private final Map<String, Double> reports = new LinkedHashMap<>();
  private GradientStack gradients;
  private boolean featureGradientEnabled;
  private boolean resetRequested;

  StepContext(TensorBackend backend, Model model, Tape tape, Optimizer optimizer, long updateCount) {
    this.backend = backend;
    this.model = model;
    this.tape = tape;
    this.optimizer = optimizer;
    this.updateCount = updateCount;
  }

  void add(EnvironmentView view) {
    environments.add(view);
  }

  void gradientsReady(GradientStack stack) {
    this.gradients = stack;
  }

  void enableFeatureGradient() {
    if (!featureGradientEnabled) {
      backend.fill(tape.featureGradient(), 0f);
      featureGradientEnabled = true;
    }
  }

  boolean featureGradientEnabled() {
    return featureGradientEnabled;
  }

  boolean resetRequested() {
    return resetRequested;
  }

  Map<String, Double> reports() {
    return reports;
  }

  @Override
  public long updateCount() {
    return updateCount;
  }

  @Override
  public TensorBackend backend() {
    return backend;
  }

  @Override
  public Model model() {
    return model;
  }

  @Override
  public Tape tape() {
    return tape;
  }

  @Override
  public Optimizer optimizer() {
    return optimizer;
  }

  @Override
  public int environments() {
    return environments.size();
  }

  @Override
  public EnvironmentOutputs environment(int e) {
    return environments.get(e);
  }

  @Override
  public void report(String name, double value) {
    reports.put(name, value);
  }

  @Override
  public void resetOptimizer() {
    resetRequested = true;
  }

  @Override
  public GradientStack gradients() {
    if (gradients == null) {
      throw new IllegalStateException("gradients exist only after the backward pass (in combine/afterUpdate)");
    }
    return gradients;
  }
}
