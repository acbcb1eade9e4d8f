package io.invstream.trainer.algorithm;

import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.param.SavedState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fishr (Ramé et al., "Fishr: Invariant Gradient Variances for Out-of-Distribution
 * Generalization", ICML 2022) as in DomainBed: match across environments the variance of the
 * per-example gradients of the classifier layer {@code z = W h + b}.
 *
 * <pre>
 *   g_n    = ((p_n − y_n) h_nᵀ, p_n − y_n)                     per-example gradient of the summed CE
 *   v_e    = mean_n (g_n − mean_n g_n)²                        diagonal variance, divide by n_e
 *   m_e    ← ema·m_e + (1 − ema)·v_e                           committed after an applied update
 *   u_e    = (ema·m_e + (1 − ema)·v_e) / (1 − ema)             the value used; ∂u_e/∂v_e = 1
 *   P      = (1/E) Σ_e mean_j (u_e,j − ū_j)²,   ū = mean_e u_e,   j over all K·d + K entries
 *   J      = CE(pooled batch) + w·P,   w = 0 for the first penaltyAnnealIters updates, λ after
 * </pre>
 *
 * <p>{@code u_e} is DomainBed's {@code MovingAverage} with {@code oneminusema_correction}: the
 * first call returns {@code v_e} exactly, and as {@code m_e → v} it tends to {@code v/(1 − ema)}
 * (20·v at the default), which this class reproduces rather than substituting Adam's {@code 1 −
 * ema^t}. The averages of earlier steps are constants (DomainBed detaches them).
 *
 * <p>No double backprop: P is an explicit function of the errors {@code p − y} and the features
 * h, so with {@code A_e = ∂P/∂u_e = 2 (u_e − ū)/(E·J)} the exact gradient comes from {@link
 * ClassifierVarianceGradient} ({@code ∂P/∂E}, {@code ∂P/∂H}) and the softmax Jacobian ({@code
 * ∂P/∂z}); both are added to the environment's output gradients, so the penalty's gradient reaches
 * the classifier and, through the features, the whole featurizer. The update is the pooled
 * combination {@code Σ_e (W_e/W)·∇J_e} (ERM's), with {@code w/(W_e/W)} scaling the penalty part
 * of environment e so that the sum is exactly {@code ∇J}. Example weights weight the
 * cross-entropy only; the variances describe the per-example gradients as sampled.
 *
 * <p>Variances are computed and averaged on every step, also while w = 0, so the averages are
 * warm when the penalty starts (as DomainBed). The optimiser is reset on the update where λ takes
 * over. State: the per-environment averages, exported and restored by environment name.
 *
 * <p>Reports {@code fishr.distance} (P) and {@code fishr.weight} (w).
 */
public final class Fishr implements InvariantAlgorithm {

  public static final String NAME = "fishr";

  private final FishrHyperparameters hyperparameters;
  private final PenaltySchedule schedule;
  private final List<String> stepEnvironments = new ArrayList<>();
  private GradientVarianceDistance distance;
  private VarianceAverages averages;
  private SavedState pending = SavedState.empty(NAME);

  public Fishr(FishrHyperparameters hyperparameters) {
    this.hyperparameters = hyperparameters;
    this.schedule = hyperparameters.schedule();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FishrHyperparameters hyperparameters() {
    return hyperparameters;
  }

  @Override
  public void adjustOutputGradients(ForwardPhase step) {
    double w = schedule.weightFor(step);
    prepare(step);
    int environments = step.environments();
    stepEnvironments.clear();
    for (int e = 0; e < environments; e++) {
      EnvironmentOutputs env = step.environment(e);
      stepEnvironments.add(env.name());
      distance.variances(env);
    }
    double penalty = distance.centreAndMeasure(environments, averages, stepEnvironments, hyperparameters.ema());
    step.report(NAME + ".distance", penalty);
    step.report(NAME + ".weight", w);
    if (w != 0 && environments > 1) {
      double[] pooled = GradientCombination.pooled(step);
      for (int e = 0; e < environments; e++) {
        distance.addPenaltyGradient(step.environment(e), environments, w / pooled[e]);
      }
    }
  }

  @Override
  public UpdateKind combine(BackwardPhase step, ParameterBlock update) {
    GradientCombination.linear(step, GradientCombination.pooled(step), update);
    return UpdateKind.GRADIENT;
  }

  @Override
  public void afterUpdate(BackwardPhase step) {
    for (int e = 0; e < stepEnvironments.size(); e++) {
      averages.commit(stepEnvironments.get(e), distance.variance(e), hyperparameters.ema());
    }
  }

  @Override
  public SavedState exportState() {
    return averages == null ? pending : new SavedState(NAME, Map.of(), averages.export());
  }

  @Override
  public void importState(SavedState state) {
    state.requireKind(NAME);
    pending = state;
    if (averages != null) {
      averages.load(state);
      averages.requireEntries(distance.entries());
    }
  }

  private void prepare(ForwardPhase step) {
    if (distance == null) {
      distance = new GradientVarianceDistance(step.backend(), step.model().classes(), step.model().featureSize());
      averages = new VarianceAverages(step.backend());
      averages.load(pending);
      averages.requireEntries(distance.entries());
    }
    distance.begin(step.tape().layout());
  }
}
