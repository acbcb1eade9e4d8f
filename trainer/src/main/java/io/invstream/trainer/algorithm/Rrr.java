package io.invstream.trainer.algorithm;

import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * "Right for the Right Reasons" (Ross, Hughes and Doshi-Velez, IJCAI 2017): cross-entropy plus a
 * penalty on the input gradient of the log-probabilities over features annotated as irrelevant.
 * Per environment, with the annotation mask {@code A} that travels with the examples ({@link
 * io.invstream.trainer.step.EnvironmentBatch#mask()}):
 *
 * <pre>
 *   J_e = L_e + λ1 · (1/W_e) Σ_n w_n Σ_d (A_nd · ∂/∂x_nd Σ_k log p_nk)²
 *   update = Σ_e (W_e / W) ∇θ J_e          (pooled, as ERM)
 * </pre>
 *
 * <p>The input gradient is of the <em>sum</em> of log-probabilities over all classes, as in the
 * paper. The paper sums both terms over the batch; dividing both by the batch weight (here: mean
 * losses) leaves λ1 unchanged. Its {@code λ2 Σθ²} is the optimiser's coupled weight decay: with a
 * summed loss over batches of B examples, {@code weightDecay = 2·λ2 / B} gives the same objective
 * (dtak/rrr: λ2 = 1e-4, B = 256 → 7.8e-7). Environments whose batch carries no mask add no
 * penalty; a step where none carries one costs what ERM costs.
 *
 * <p>The penalty's parameter gradient is exact (reverse over forward through the model's {@link
 * io.invstream.trainer.model.TangentModel}, see {@link InputGradientPenalty}): all three models
 * support it. Hyperparameter scaling: see {@link RrrHyperparameters#lambda()}.
 *
 * <p>Reports {@code rrr.penalty}: {@code Σ_e W_e P_e / W}, the pooled mean over examples of
 * {@code Σ_d (A G)²} (annotated or not), without λ1.
 */
public final class Rrr implements InvariantAlgorithm {

  public static final String NAME = "rrr";

  private final RrrHyperparameters hyperparameters;
  private InputGradientPenalty penalty;

  public Rrr(RrrHyperparameters hyperparameters) {
    this.hyperparameters = hyperparameters;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RrrHyperparameters hyperparameters() {
    return hyperparameters;
  }

  @Override
  public void adjustOutputGradients(ForwardPhase step) {
    if (penalty == null) {
      InputGradientPenalty.tangentModel(step.model());
      penalty = new InputGradientPenalty(step.backend(), step.model().classes());
    }
    List<Tensor> masks = new ArrayList<>(step.environments());
    for (int e = 0; e < step.environments(); e++) {
      masks.add(step.environment(e).annotationMask());
    }
    step.report(NAME + ".penalty", penalty.compute(step, masks, hyperparameters.lambda()));
  }

  @Override
  public UpdateKind combine(BackwardPhase step, ParameterBlock update) {
    penalty.addTo(step);
    GradientCombination.linear(step, GradientCombination.pooled(step), update);
    return UpdateKind.GRADIENT;
  }
}
