package io.invstream.trainer.algorithm;

import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.tensor.RowBuffer;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;

/**
 * IRMv1 (Arjovsky et al., "Invariant Risk Minimization", 2019) as DomainBed implements it:
 * penalise the gradient of each environment's risk with respect to a dummy scale s = 1 on the
 * logits, which is zero exactly when the classifier on top of the features is optimal for every
 * environment at once.
 *
 * <pre>
 *   r_n        = ∂/∂s CE(s·z_n, y_n) |s=1 = Σ_k (p_nk − y_nk) z_nk
 *   d_S        = Σ_{n∈S} w_n r_n / Σ_{n∈S} w_n                    (S a set of rows of environment e)
 *   penalty_e  = d_even · d_odd          (estimator split, default; rows 0,2,4… and 1,3,5…)
 *              = d_all²                  (estimator squared, the paper's form)
 *   J          = mean_e L_e + w · mean_e penalty_e,   w = 1 for the first penaltyAnnealIters updates, λ after
 * </pre>
 *
 * <p>No double backprop: r_n is an explicit function of the logits, with {@code ∂r_n/∂z_n = (p_n
 * − y_n) + p_n ⊙ (z_n − ⟨p_n, z_n⟩)}, so the hook adds {@code w · (∂penalty_e/∂r_n) · ∂r_n/∂z_n}
 * to each environment's {@code dL_e/dz} and the update is the mean over environments of the
 * resulting gradients. The optimiser is reset on the update where λ takes over (DomainBed
 * recreates Adam there). Example weights weight {@code d_S} as they weight {@code L_e}; a half
 * with zero total weight makes the step non-finite, and so rejected.
 *
 * <p>Reports {@code irm.penalty} (mean_e penalty_e, before the weight) and {@code irm.weight} (w).
 */
public final class Irm implements InvariantAlgorithm {

  public static final String NAME = "irm";

  private final IrmHyperparameters hyperparameters;
  private final PenaltySchedule schedule;
  private final DummyScaleEstimator estimator;
  private Buffers buffers;
  private float[] perExample = new float[0];
  private float[] weights = new float[0];
  private double[] coefficients = new double[0];
  private float[] coefficientFloats = new float[0];

  public Irm(IrmHyperparameters hyperparameters) {
    this.hyperparameters = hyperparameters;
    this.schedule = hyperparameters.schedule();
    this.estimator = hyperparameters.dummyScaleEstimator();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public IrmHyperparameters hyperparameters() {
    return hyperparameters;
  }

  @Override
  public void adjustOutputGradients(ForwardPhase step) {
    double w = schedule.weightFor(step);
    if (buffers == null) {
      buffers = new Buffers(step.backend(), step.model().classes());
    }
    buffers.scratch.begin(step.tape().layout());
    double penalty = 0;
    for (int e = 0; e < step.environments(); e++) {
      penalty += addPenaltyGradient(step.environment(e), w);
    }
    step.report(NAME + ".penalty", penalty / step.environments());
    step.report(NAME + ".weight", w);
  }

  @Override
  public UpdateKind combine(BackwardPhase step, ParameterBlock update) {
    GradientCombination.linear(step, GradientCombination.uniform(step), update);
    return UpdateKind.GRADIENT;
  }

  /** Adds {@code w·∂penalty_e/∂z} to the environment's logit gradient; returns penalty_e. */
  private double addPenaltyGradient(EnvironmentOutputs env, double w) {
    int n = env.rows();
    if (n < estimator.minimumRows()) {
      throw new IllegalArgumentException(
          "IRM's " + estimator.key() + " penalty estimator needs at least " + estimator.minimumRows()
              + " examples per environment, but environment '" + env.name() + "' has " + n
              + "; send larger batches or use --hp estimator=squared");
    }
    TensorBackend backend = buffers.ops.backend();
    Tensor errors = buffers.scratch.segment(buffers.errors, env.index());
    Tensor product = buffers.scratch.segment(buffers.product, env.index());
    Tensor rows = buffers.scratch.segment(buffers.rows, env.index());
    buffers.ops.classErrors(env, product, errors);
    backend.multiply(errors, env.logits(), product);
    buffers.ops.rowSums(product, rows);
    double penalty = estimator.penalty(download(backend, rows, n), weights(env), n, growCoefficients(n));
    if (w == 0) {
      return penalty;
    }
    for (int i = 0; i < n; i++) {
      coefficientFloats[i] = (float) (w * coefficients[i]);
    }
    backend.upload(coefficientFloats, 0, rows, 0, n);
    // ∂r_n/∂z_n = (p_n − y_n) + p_n ⊙ (z_n − ⟨p_n, z_n⟩): the softmax VJP of z plus the errors.
    Tensor rowScratch = buffers.scratch.segment(buffers.rowScratch, env.index());
    Tensor dr = buffers.scratch.segment(buffers.dr, env.index());
    buffers.ops.softmaxBackward(env.probabilities(), env.logits(), dr, rowScratch, product);
    backend.axpy(1f, errors, dr);
    buffers.ops.scaleRows(dr, rows, product);
    backend.axpy(1f, dr, env.logitGradient());
    return penalty;
  }

  private float[] download(TensorBackend backend, Tensor rows, int n) {
    if (perExample.length < n) {
      perExample = new float[n];
    }
    backend.download(rows, 0, perExample, 0, n);
    return perExample;
  }

  private float[] weights(EnvironmentOutputs env) {
    if (env.weights() == null) {
      return null;
    }
    if (weights.length < env.rows()) {
      weights = new float[env.rows()];
    }
    buffers.ops.backend().download(env.weights(), 0, weights, 0, env.rows());
    return weights;
  }

  private double[] growCoefficients(int n) {
    if (coefficients.length < n) {
      coefficients = new double[n];
      coefficientFloats = new float[n];
    }
    return coefficients;
  }

  /** Per-example working tensors, allocated on the first step. */
  private static final class Buffers {
    final RowOps ops;
    final SegmentScratch scratch;
    final RowBuffer errors;
    final RowBuffer product;
    final RowBuffer dr;
    final RowBuffer rows;
    final RowBuffer rowScratch;

    Buffers(TensorBackend backend, int classes) {
      this.ops = new RowOps(backend);
      this.scratch = new SegmentScratch(backend);
      this.errors = scratch.matrix(classes);
      this.product = scratch.matrix(classes);
      this.dr = scratch.matrix(classes);
      this.rows = scratch.matrix(1);
      this.rowScratch = scratch.matrix(1);
    }
  }
}
