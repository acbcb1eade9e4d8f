package io.invstream.trainer.algorithm;

import io.invstream.trainer.model.Model;
import io.invstream.trainer.param.NamedTensor;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.List;

/**
 * An algorithm whose result is an ensemble of models of one architecture trained in turn, the
 * trainer's model being the member in training. The trainer publishes and predicts with {@link
 * #ensemble} instead of its model alone.
 */
public interface EnsembleAlgorithm extends InvariantAlgorithm {

  /** Prefix of member {@code i}'s parameter names when published: {@code member<i>/}. */
  static String memberPrefix(int i) {
    return "member" + i + "/";
  }

  /**
   * The models that make up the ensemble now, in training order; the predictor is the mean of
   * their class probabilities.
   *
   * @param live the trainer's model (the member in training)
   */
  List<Model> ensemble(Model live, TensorBackend backend);

  /** Every member's parameters of {@link #ensemble}, named {@code member<i>/<parameter>}. */
  default List<NamedTensor> exportEnsemble(Model live, TensorBackend backend) {
    List<NamedTensor> out = new ArrayList<>();
    List<Model> members = ensemble(live, backend);
    for (int i = 0; i < members.size(); i++) {
      for (NamedTensor t : members.get(i).parameters().export(backend)) {
        out.add(new NamedTensor(memberPrefix(i) + t.name(), t.shape(), t.data()));
      }
    }
    return out;
  }
}
