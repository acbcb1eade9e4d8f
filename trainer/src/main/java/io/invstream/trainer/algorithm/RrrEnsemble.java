package io.invstream.trainer.algorithm;

import io.invstream.trainer.model.BatchLayout;
import io.invstream.trainer.model.Model;
import io.invstream.trainer.param.NamedTensor;
import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.param.SavedState;
import io.invstream.trainer.tensor.RowBuffer;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Find-another-explanation (Ross et al., IJCAI 2017, §4.2) in a stream: a sequence of models
 * trained in turn with the RRR penalty, each on the features its predecessors did <em>not</em>
 * rely on, published together as an ensemble.
 *
 * <pre>
 *   member i trains on  J_e = L_e + λ1 (1/W_e) Σ_n w_n Σ_d (A^i_nd G_nd)²         (as {@link Rrr})
 *   A^i_nd = max( A_nd , max_{j<i} 1[ |G^j_nd| > c · max_d' |G^j_nd'| ] )
 *   ensemble p(y|x) = mean over members of p_m(y|x)
 * </pre>
 *
 * <p>with {@code A} the annotations the batch carries (none: 0), {@code G^j} the input gradient of
 * {@code Σ_k log p_k} under finished member j. Design in a streaming trainer:
 *
 * <ul>
 *   <li>The trainer's model is the member in training. After {@code updatesPerMember} applied
 *       updates it is frozen (a copy is kept) and the trainer's model is re-initialised from a
 *       seed derived from the algorithm's generator and the member index, as the paper trains each
 *       model from scratch; the next step resets the optimiser. The last member never finishes:
 *       it keeps training for as long as the stream runs.
 *   <li>Masks are per example, as in the paper. Examples do not come back in a stream, so the
 *       masks cannot be computed once for a fixed data set; instead every step runs each finished
 *       member on the step's batch (one forward and one input-gradient backward pass each) and
 *       marks its largest input gradients.
 *   <li>{@link #ensemble}: the finished members, plus the member in training once it is the last
 *       one and has had {@code updatesPerMember} updates (or while it is the only one), so a
 *       freshly re-initialised member never dilutes the published predictor. The trainer
 *       publishes these as {@code member<i>/<parameter>} and predicts with the mean of their
 *       probabilities.
 * </ul>
 *
 * <p>Limits: member i only ever sees the stream between its start and its end; finished members
 * are frozen and do not follow later drift. A step of member i costs i extra forward/backward
 * pairs on top of RRR. The largest-gradient marks use the gradient of {@code Σ_k log p_k}, the
 * one RRR penalises; dtak/rrr's script marks with the gradient of the largest probability
 * instead, which gives the same marks for two classes (both are multiples of {@code ∂(z_0 −
 * z_1)/∂x} per example and the threshold is relative) and can differ for more. With {@code
 * members = 1} this is {@link Rrr}.
 *
 * <p>Reports {@code rrr-ensemble.member} (index of the member in training), {@code
 * rrr-ensemble.penalty} (as {@code rrr.penalty}) and {@code rrr-ensemble.annotated} (mean of
 * {@code A²} over the batch's input entries: the fraction of features masked). State: finished
 * members' parameters ({@code member<i>/…}), the position in the sequence, the seed.
 */
public final class RrrEnsemble implements EnsembleAlgorithm {

  public static final String NAME = "rrr-ensemble";

  private final RrrEnsembleHyperparameters hyperparameters;
  private long seed;
  private long updatesInMember;
  private boolean resetPending;
  private Model live;
  private FrozenMembers frozen;
  private InputGradientPenalty penalty;
  private RowBuffer masks;
  /** State imported before the first step showed the model. */
  private SavedState pending;

  /** @param random draws the seed from which each member's initialisation is derived */
  public RrrEnsemble(RrrEnsembleHyperparameters hyperparameters, RandomGenerator random) {
    this.hyperparameters = hyperparameters;
    this.seed = random.nextLong();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RrrEnsembleHyperparameters hyperparameters() {
    return hyperparameters;
  }

  /** Index of the member in training, 0-based. */
  public int memberInTraining() {
    return frozen == null ? pendingMembers() : frozen.size();
  }

  @Override
  public void adjustOutputGradients(ForwardPhase step) {
    attach(step.model(), step.backend());
    if (penalty == null) {
      InputGradientPenalty.tangentModel(step.model());
      penalty = new InputGradientPenalty(step.backend(), step.model().classes());
      masks = RowBuffer.matrix(step.backend(), step.model().inputSize());
    }
    if (resetPending) {
      step.resetOptimizer();
    }
    List<Tensor> annotations = annotations(step);
    step.report(NAME + ".member", frozen.size());
    step.report(NAME + ".penalty", penalty.compute(step, annotations, hyperparameters.lambda()));
  }

  @Override
  public UpdateKind combine(BackwardPhase step, ParameterBlock update) {
    penalty.addTo(step);
    GradientCombination.linear(step, GradientCombination.pooled(step), update);
    return UpdateKind.GRADIENT;
  }

  @Override
  public void afterUpdate(BackwardPhase step) {
    resetPending = false;
    updatesInMember++;
    if (updatesInMember >= hyperparameters.updatesPerMember() && frozen.size() + 1 < hyperparameters.members()) {
      frozen.freeze(step.model());
      Model fresh = step.model().spec().build(step.backend(), new SplittableRandom(seed + frozen.size()));
      step.model().parameters().copyFrom(step.backend(), fresh.parameters());
      updatesInMember = 0;
      resetPending = true;
    }
  }

  @Override
  public List<Model> ensemble(Model model, TensorBackend backend) {
    attach(model, backend);
    List<Model> members = new ArrayList<>(frozen.models());
    boolean last = frozen.size() + 1 == hyperparameters.members();
    if (members.isEmpty() || (last && updatesInMember >= hyperparameters.updatesPerMember())) {
      members.add(model);
    }
    return members;
  }

  @Override
  public SavedState exportState() {
    if (frozen == null) {
      return pending != null ? pending : state(List.of(), 0);
    }
    return state(frozen.export(), frozen.size());
  }

  @Override
  public void importState(SavedState state) {
    state.requireKind(NAME);
    seed = Long.parseLong(state.value("seed"));
    updatesInMember = Long.parseLong(state.value("updatesInMember"));
    resetPending = Boolean.parseBoolean(state.value("resetPending"));
    if (frozen == null) {
      pending = state;
    } else {
      frozen.restore(live, Integer.parseInt(state.value("finishedMembers")), state.tensors());
    }
  }

  private SavedState state(List<NamedTensor> tensors, int finished) {
    return new SavedState(
        NAME,
        Map.of(
            "seed", Long.toString(seed),
            "finishedMembers", Integer.toString(finished),
            "updatesInMember", Long.toString(updatesInMember),
            "resetPending", Boolean.toString(resetPending)),
        tensors);
  }

  private int pendingMembers() {
    return pending == null ? 0 : Integer.parseInt(pending.value("finishedMembers"));
  }

  /** Binds to the trainer's model on first sight, restoring imported members then. */
  private void attach(Model model, TensorBackend backend) {
    if (frozen != null) {
      if (model != live) {
        throw new IllegalStateException("an rrr-ensemble instance trains one model; create one per trainer");
      }
      return;
    }
    live = model;
    frozen = new FrozenMembers(backend);
    if (pending != null) {
      frozen.restore(model, pendingMembers(), pending.tensors());
      pending = null;
    }
  }

  /**
   * Per environment the annotation {@code A^i}: the batch's own while no member has finished,
   * else its union with every finished member's largest-gradient marks.
   */
  private List<Tensor> annotations(ForwardPhase step) {
    TensorBackend backend = step.backend();
    BatchLayout layout = step.tape().layout();
    int rows = layout.totalRows();
    List<Tensor> out = new ArrayList<>(step.environments());
    double squares = 0;
    if (frozen.size() == 0) {
      for (int e = 0; e < step.environments(); e++) {
        Tensor a = step.environment(e).annotationMask();
        squares += a == null ? 0 : backend.sumOfSquares(a);
        out.add(a);
      }
    } else {
      masks.reserve(rows);
      for (int e = 0; e < step.environments(); e++) {
        Tensor a = step.environment(e).annotationMask();
        Tensor segment = masks.block(layout.start(e), layout.rows(e));
        if (a == null) {
          backend.fill(segment, 0f);
        } else {
          backend.copy(a, segment);
        }
        out.add(segment);
      }
      Tensor all = masks.first(rows);
      frozen.mark(step.tape().input(), (float) hyperparameters.cutoff(), all);
      squares = backend.sumOfSquares(all);
    }
    step.report(NAME + ".annotated", squares / ((double) rows * step.model().inputSize()));
    return out;
  }
}
