package io.invstream.trainer.algorithm;

import io.invstream.trainer.model.BatchLayout;
import io.invstream.trainer.tensor.RowBuffer;
import io.invstream.trainer.tensor.Shape;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.List;

/**
 * Fishr's penalty on the backend: per environment the variances {@code v_e} of the classifier
 * layer's per-example gradients, the distance {@code P = (1/E) Σ_e mean_j (u_e − ū)²} between
 * their corrected moving averages, and P's exact gradient on the logits and features (see {@link
 * Fishr} for the formulas). Working tensors are allocated on the first step, and for more
 * environments when a batch has more; a steady stream allocates nothing.
 *
 * <p>Per step: {@link #begin}, {@link #variances} for every environment, {@link
 * #centreAndMeasure}, then {@link #addPenaltyGradient} for every environment if the penalty is
 * weighted; {@link #variance} stays valid until the next step.
 */
final class GradientVarianceDistance {

  private final TensorBackend backend;
  private final RowOps ops;
  private final SegmentScratch scratch;
  private final int classes;
  private final int features;
  private final RowBuffer errors;
  private final RowBuffer probabilities;
  private final RowBuffer errorGradient;
  private final RowBuffer featureGradient;
  private final RowBuffer rowScratch;
  private final ClassifierVarianceGradient gradient;
  private final List<ClassifierEntries> variances = new ArrayList<>();
  private final List<ClassifierEntries> centred = new ArrayList<>();
  private final Tensor mean;

  GradientVarianceDistance(TensorBackend backend, int classes, int features) {
    this.backend = backend;
    this.ops = new RowOps(backend);
    this.scratch = new SegmentScratch(backend);
    this.classes = classes;
    this.features = features;
    this.errors = scratch.matrix(classes);
    this.probabilities = scratch.matrix(classes);
    this.errorGradient = scratch.matrix(classes);
    this.featureGradient = scratch.matrix(features);
    this.rowScratch = scratch.matrix(1);
    this.gradient = new ClassifierVarianceGradient(backend, scratch, classes, features);
    this.mean = backend.allocate(Shape.of(entries()));
  }

  /** Sizes the per-example buffers for this step's batch. */
  void begin(BatchLayout layout) {
    scratch.begin(layout);
  }

  /** J = K·d + K: the classifier's weight entries, then its bias entries. */
  int entries() {
    return classes * features + classes;
  }

  /** {@code v_e} of the e-th environment of this step, flat (weight entries, then bias). */
  Tensor variance(int e) {
    return variances.get(e).flat();
  }

  /** Writes the errors p − y of environment e and the variances v_e of its per-example gradients. */
  void variances(EnvironmentOutputs env) {
    int e = env.index();
    while (variances.size() <= e) {
      variances.add(ClassifierEntries.allocate(backend, classes, features));
      centred.add(ClassifierEntries.allocate(backend, classes, features));
    }
    Tensor err = scratch.segment(errors, e);
    ops.classErrors(env, scratch.segment(probabilities, e), err);
    ClassifierEntries v = variances.get(e);
    backend.classifierGradientVariance(err, env.features(), v.weight(), v.bias());
  }

  /**
   * Forms {@code u_e − ū} in {@code centred} and returns P; {@code u_e = v_e + ema/(1 − ema) ·
   * m_e}, the corrected moving average, with {@code m_e = 0} for a new environment.
   */
  double centreAndMeasure(int environments, VarianceAverages averages, List<String> names, double ema) {
    backend.fill(mean, 0f);
    for (int e = 0; e < environments; e++) {
      Tensor u = centred.get(e).flat();
      backend.copy(variance(e), u);
      Tensor m = averages.get(names.get(e));
      if (m != null) {
        backend.axpy((float) (ema / (1 - ema)), m, u);
      }
      backend.axpy(1f / environments, u, mean);
    }
    double sum = 0;
    for (int e = 0; e < environments; e++) {
      backend.axpy(-1f, mean, centred.get(e).flat());
      sum += backend.sumOfSquares(centred.get(e).flat());
    }
    return sum / ((double) environments * entries());
  }

  /** Adds {@code scale · ∂P/∂z} and {@code scale · ∂P/∂h} to the environment's output gradients. */
  void addPenaltyGradient(EnvironmentOutputs env, int environments, double scale) {
    int e = env.index();
    ClassifierEntries coefficients = centred.get(e);
    backend.scale((float) (2.0 / ((double) environments * entries())), coefficients.flat());
    Tensor dE = scratch.segment(errorGradient, e);
    Tensor dH = scratch.segment(featureGradient, e);
    gradient.compute(
        e, scratch.segment(errors, e), env.features(), coefficients.weight(), coefficients.bias(), dE, dH);
    ops.softmaxBackward(env.probabilities(), dE, dE, scratch.segment(rowScratch, e), scratch.segment(probabilities, e));
    backend.axpy((float) scale, dE, env.logitGradient());
    backend.axpy((float) scale, dH, env.featureGradient());
  }

}
