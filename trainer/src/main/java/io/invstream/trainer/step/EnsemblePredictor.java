package io.invstream.trainer.step;

import io.invstream.trainer.model.BatchLayout;
import io.invstream.trainer.model.Model;
import io.invstream.trainer.model.Tape;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Class probabilities of an ensemble: the mean over members of each member's softmax, one forward
 * pass per member on a tape of its own (kept per member and reused).
 */
final class EnsemblePredictor {

  private final TensorBackend backend;
  private final BatchStaging staging;
  private final Map<Model, Tape> tapes = new IdentityHashMap<>();

  EnsemblePredictor(TensorBackend backend, Model anyMember) {
    this.backend = backend;
    this.staging = new BatchStaging(backend, anyMember);
  }

  /** {@code rows × classes} mean probabilities of {@code members} on the batch's examples. */
  float[] probabilities(List<Model> members, EnvironmentBatch batch) {
    // Members replaced by a restore are dropped with their tapes.
    Set<Model> current = Collections.newSetFromMap(new IdentityHashMap<>());
    current.addAll(members);
    tapes.keySet().retainAll(current);
    int classes = members.get(0).classes();
    float[] mean = new float[batch.rows() * classes];
    float[] member = new float[mean.length];
    for (Model m : members) {
      Tape tape = tapes.computeIfAbsent(m, Model::newTape);
      staging.stage(List.of(batch), tape);
      m.forward(tape);
      BatchLayout layout = tape.layout();
      backend.softmax(tape.logits(), staging.probabilities(layout, 0));
      backend.download(staging.probabilities(layout, 0), 0, member, 0, member.length);
      for (int i = 0; i < mean.length; i++) {
        mean[i] += member[i] / members.size();
      }
    }
    return mean;
  }
}
