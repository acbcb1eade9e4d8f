package io.invstream.trainer.algorithm;

import io.invstream.trainer.model.BatchLayout;
import io.invstream.trainer.model.Model;
import io.invstream.trainer.model.Tape;
import io.invstream.trainer.param.NamedTensor;
import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.tensor.RowBuffer;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.List;

/**
 * The finished members of a find-another-explanation sequence, frozen copies of the model as it
 * was when each finished, and the annotation masks they imply for the examples of a batch:
 *
 * <pre>
 *   mark_nd = 1[ |G^j_nd| > c · max_d' |G^j_nd'| ]  for some finished member j,   G^j = ∂/∂x Σ_k log p^j_k
 * </pre>
 *
 * <p>Each member costs one forward and one input-gradient backward pass over the batch on a tape
 * of its own.
 */
final class FrozenMembers {

  private final TensorBackend backend;
  private final List<Model> models = new ArrayList<>();
  private final List<Tape> tapes = new ArrayList<>();
  private final List<RowBuffer> probabilities = new ArrayList<>();
  private final List<List<ParameterBlock>> scratch = new ArrayList<>();

  FrozenMembers(TensorBackend backend) {
    this.backend = backend;
  }

  int size() {
    return models.size();
  }

  List<Model> models() {
    return List.copyOf(models);
  }

  /** Freezes a copy of {@code live}'s current parameters as the next member. */
  void freeze(Model live) {
    Model copy = live.replicate();
    models.add(copy);
    tapes.add(copy.newTape());
    probabilities.add(RowBuffer.matrix(backend, copy.classes()));
    scratch.add(List.of(copy.layout().allocate(backend)));
  }

  /** Replaces all members by {@code count} copies of {@code live} loaded from {@code tensors}. */
  void restore(Model live, int count, List<NamedTensor> tensors) {
    models.clear();
    tapes.clear();
    probabilities.clear();
    scratch.clear();
    for (int i = 0; i < count; i++) {
      freeze(live);
      String prefix = EnsembleAlgorithm.memberPrefix(i);
      List<NamedTensor> mine = new ArrayList<>();
      for (NamedTensor t : tensors) {
        if (t.name().startsWith(prefix)) {
          mine.add(new NamedTensor(t.name().substring(prefix.length()), t.shape(), t.data()));
        }
      }
      models.get(i).parameters().load(backend, mine);
    }
  }

  /** Parameters of every member, named {@code member<i>/<parameter>}. */
  List<NamedTensor> export() {
    List<NamedTensor> out = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      for (NamedTensor t : models.get(i).parameters().export(backend)) {
        out.add(new NamedTensor(EnsembleAlgorithm.memberPrefix(i) + t.name(), t.shape(), t.data()));
      }
    }
    return out;
  }

  /**
   * Adds every member's largest-gradient marks for the examples in {@code input [N, inputs]} to
   * {@code mask [N, inputs]} (a union with what it holds).
   */
  void mark(Tensor input, float cutoff, Tensor mask) {
    int rows = input.shape().rows();
    for (int j = 0; j < models.size(); j++) {
      Model model = models.get(j);
      Tape tape = tapes.get(j);
      tape.begin(BatchLayout.single(rows));
      probabilities.get(j).reserve(rows);
      Tensor p = probabilities.get(j).first(rows);
      backend.copy(input, tape.input());
      model.forward(tape);
      backend.softmax(tape.logits(), p);
      backend.fill(tape.logitGradient(), 1f);
      backend.axpy(-model.classes(), p, tape.logitGradient());
      model.backward(tape, scratch.get(j), false, true);
      backend.markLargeMagnitudes(tape.inputGradient(), cutoff, mask);
    }
  }
}
