package io.invstream.trainer.optim;

import io.invstream.trainer.param.NamedTensor;
import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.param.SavedState;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.List;

/**
 * Naming of optimiser state tensors in a {@link SavedState}: {@code <slot>/<parameter name>}, e.g.
 * {@code m/dense0.weight}, so a checkpoint is readable and checked tensor by tensor on restore.
 */
final class OptimizerStateTensors {

  private OptimizerStateTensors() {}

  static List<NamedTensor> export(TensorBackend backend, String slot, ParameterBlock block) {
    List<NamedTensor> out = new ArrayList<>();
    for (NamedTensor t : block.export(backend)) {
      out.add(new NamedTensor(slot + "/" + t.name(), t.shape(), t.data()));
    }
    return out;
  }

  static void load(TensorBackend backend, String slot, ParameterBlock block, SavedState state) {
    String prefix = slot + "/";
    List<NamedTensor> mine = new ArrayList<>();
    for (NamedTensor t : state.tensors()) {
      if (t.name().startsWith(prefix)) {
        mine.add(new NamedTensor(t.name().substring(prefix.length()), t.shape(), t.data()));
      }
    }
    block.load(backend, mine);
  }
}
