package io.invstream.trainer.algorithm;

import io.invstream.trainer.param.NamedTensor;
import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.param.SavedState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fish (Shi et al., "Gradient Matching for Domain Generalization", ICLR 2022), as DomainBed runs
 * it: a first-order approximation of maximising the inner product of environment gradients by
 * walking a clone through the environments one after another.
 *
 * <pre>
 *   θ_0 = θ
 *   θ_e = θ_{e−1} − InnerOpt(∇θ L_e(θ_{e−1}))     e = 1..E, in batch order
 *   θ  ← θ + ε (θ_E − θ)                          ε = metaLearningRate, default 0.5
 * </pre>
 *
 * <p>InnerOpt is an optimiser built from the trainer's optimiser settings (learning rate, weight
 * decay; Adam in DomainBed) whose state persists from update to update. The meta step is returned
 * as a {@link UpdateKind#PARAMETER_DELTA}: it bypasses the trainer's own optimiser and its
 * gradient clipping. The trainer's per-environment gradients at θ are still computed; Fish does
 * not use them, but the step's consistency metrics do.
 *
 * <p>Reports {@code fish.innerLoss}: the mean over environments of {@code L_e(θ_{e−1})}, the
 * losses the inner steps saw. State: the inner optimiser (exported under the {@code inner.}
 * prefix), committed only when an update is applied.
 */
public final class Fish implements InvariantAlgorithm {

  public static final String NAME = "fish";

  private static final String INNER_KIND = "inner.kind";
  private static final String INNER_PREFIX = "inner.";

  private final FishHyperparameters hyperparameters;
  private FishInnerLoop inner;
  /** Inner optimiser state imported before the first step built the inner loop. */
  private SavedState pending;

  public Fish(FishHyperparameters hyperparameters) {
    this.hyperparameters = hyperparameters;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FishHyperparameters hyperparameters() {
    return hyperparameters;
  }

  @Override
  public UpdateKind combine(BackwardPhase step, ParameterBlock update) {
    if (inner == null) {
      inner = new FishInnerLoop(step);
      inner.importState(pending);
      pending = null;
    }
    step.report(NAME + ".innerLoss", inner.run(step));
    inner.metaDelta(step.model().parameters(), hyperparameters.metaLearningRate(), update);
    return UpdateKind.PARAMETER_DELTA;
  }

  @Override
  public void afterUpdate(BackwardPhase step) {
    inner.commit();
  }

  @Override
  public SavedState exportState() {
    SavedState optimizer = inner != null ? inner.exportState() : pending;
    if (optimizer == null) {
      return SavedState.empty(NAME);
    }
    Map<String, String> values = new HashMap<>();
    values.put(INNER_KIND, optimizer.kind());
    optimizer.values().forEach((k, v) -> values.put(INNER_PREFIX + k, v));
    return new SavedState(NAME, values, optimizer.tensors());
  }

  @Override
  public void importState(SavedState state) {
    state.requireKind(NAME);
    SavedState optimizer = null;
    if (state.values().containsKey(INNER_KIND)) {
      Map<String, String> values = new HashMap<>();
      state.values().forEach((k, v) -> {
        if (!k.equals(INNER_KIND) && k.startsWith(INNER_PREFIX)) {
          values.put(k.substring(INNER_PREFIX.length()), v);
        }
      });
      List<NamedTensor> tensors = state.tensors();
      optimizer = new SavedState(state.value(INNER_KIND), values, tensors);
    }
    if (inner == null) {
      pending = optimizer;
    } else {
      inner.importState(optimizer);
    }
  }
}
