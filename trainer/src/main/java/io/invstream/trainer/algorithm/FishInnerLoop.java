package io.invstream.trainer.algorithm;

import io.invstream.trainer.model.BatchLayout;
import io.invstream.trainer.model.Model;
import io.invstream.trainer.model.Tape;
import io.invstream.trainer.optim.Optimizer;
import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.param.SavedState;
import io.invstream.trainer.tensor.CrossEntropy;
import io.invstream.trainer.tensor.RowBuffer;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.List;

/**
 * Fish's inner trajectory: a clone of the model with its own tape and its own optimiser, taking
 * one optimiser step per environment in batch order.
 *
 * <p>The inner optimiser's state persists across updates (as in DomainBed) but must not advance
 * on a step the trainer rejects as non-finite, so it is double-buffered: steps run on a working
 * copy, {@link #commit()} (called only for applied updates) copies it into the committed one, and
 * the next trajectory starts from the committed state if the last one was never committed. The
 * copy costs one pass over the optimiser state per update.
 */
final class FishInnerLoop {

  private final TensorBackend backend;
  private final Model clone;
  private final Tape tape;
  private final RowBuffer probabilities;
  private final List<ParameterBlock> gradient;
  private final Optimizer working;
  private final Optimizer committed;
  private boolean uncommitted;

  /** A clone of {@code step.model()} and two optimisers of the trainer's optimiser settings. */
  FishInnerLoop(ForwardPhase step) {
    this.backend = step.backend();
    this.clone = step.model().replicate();
    this.tape = clone.newTape();
    this.probabilities = RowBuffer.matrix(backend, clone.classes());
    this.gradient = List.of(clone.layout().allocate(backend));
    this.working = step.optimizer().config().build(backend, clone.layout());
    this.committed = step.optimizer().config().build(backend, clone.layout());
  }

  /**
   * From θ, one inner step on each environment's weighted mean cross-entropy in order, leaving
   * θ_inner in the clone.
   *
   * @return the mean over environments of the losses the inner steps saw
   */
  double run(ForwardPhase step) {
    if (uncommitted) {
      working.copyStateFrom(committed);
    }
    uncommitted = true;
    clone.parameters().copyFrom(backend, step.model().parameters());
    double losses = 0;
    for (int e = 0; e < step.environments(); e++) {
      EnvironmentOutputs env = step.environment(e);
      tape.begin(BatchLayout.single(env.rows()));
      probabilities.reserve(env.rows());
      backend.copy(env.input(), tape.input());
      clone.forward(tape);
      CrossEntropy ce = backend.softmaxCrossEntropy(
          tape.logits(), env.labels(), env.weights(), probabilities.first(env.rows()), tape.logitGradient());
      clone.backward(tape, gradient, false, false);
      working.step(clone.parameters(), gradient.get(0));
      losses += ce.loss();
    }
    return losses / step.environments();
  }

  /** {@code out = rate · (θ_inner − θ)}. */
  void metaDelta(ParameterBlock theta, double rate, ParameterBlock out) {
    backend.copy(clone.parameters().flat(), out.flat());
    backend.axpy(-1f, theta.flat(), out.flat());
    backend.scale((float) rate, out.flat());
  }

  /** The last trajectory's update was applied: its optimiser state becomes the committed one. */
  void commit() {
    committed.copyStateFrom(working);
    uncommitted = false;
  }

  /** The committed inner optimiser state. */
  SavedState exportState() {
    return committed.exportState();
  }

  /** Replaces the committed (and working) inner optimiser state; empty state means a fresh one. */
  void importState(SavedState state) {
    if (state == null) {
      committed.reset();
    } else {
      committed.importState(state);
    }
    working.copyStateFrom(committed);
    uncommitted = false;
  }
}
