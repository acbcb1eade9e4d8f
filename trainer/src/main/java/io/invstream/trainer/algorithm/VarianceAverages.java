package io.invstream.trainer.algorithm;

import io.invstream.trainer.param.NamedTensor;
import io.invstream.trainer.param.SavedState;
import io.invstream.trainer.tensor.Shape;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fishr's exponential moving averages of gradient variances, one per environment name (an
 * environment keeps its average when batches list environments in a different order). An
 * environment seen for the first time starts from zero, as DomainBed's {@code MovingAverage}.
 * Memory grows with the number of distinct environment names.
 */
final class VarianceAverages {

  private static final String PREFIX = "ema/";

  private final TensorBackend backend;
  private final Map<String, Tensor> averages = new LinkedHashMap<>();

  VarianceAverages(TensorBackend backend) {
    this.backend = backend;
  }

  /** The average of {@code environment}, or {@code null} before its first committed update. */
  Tensor get(String environment) {
    return averages.get(environment);
  }

  /** Throws unless every average has {@code entries} values (state saved with another model). */
  void requireEntries(int entries) {
    averages.forEach(
        (name, m) -> {
          if (m.size() != entries) {
            throw new IllegalArgumentException(
                "Fishr's saved average for environment '" + name + "' holds " + m.size()
                    + " values but this model's classifier layer has " + entries
                    + "; the state was saved with a different model");
          }
        });
  }

  /** {@code m ← ema·m + (1 − ema)·v}, creating a zero average for a new environment. */
  void commit(String environment, Tensor variance, double ema) {
    Tensor m = averages.computeIfAbsent(environment, name -> backend.allocate(variance.shape()));
    if (m.size() != variance.size()) {
      throw new IllegalStateException(
          "Fishr's average for environment '" + environment + "' holds " + m.size()
              + " values but the classifier has " + variance.size()
              + "; the state was saved with a different model");
    }
    backend.scale((float) ema, m);
    backend.axpy((float) (1 - ema), variance, m);
  }

  List<NamedTensor> export() {
    List<NamedTensor> out = new ArrayList<>();
    averages.forEach(
        (name, m) -> out.add(new NamedTensor(PREFIX + name, m.shape(), backend.download(m))));
    return out;
  }

  void load(SavedState state) {
    averages.clear();
    for (NamedTensor t : state.tensors()) {
      if (t.name().startsWith(PREFIX)) {
        Tensor m = backend.allocate(Shape.of(t.data().length));
        backend.upload(t.data(), m);
        averages.put(t.name().substring(PREFIX.length()), m);
      }
    }
  }
}
