package io.invstream.trainer.algorithm;

import io.invstream.trainer.tensor.Shape;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;

/**
 * One value per entry of a linear classifier layer, stored flat as the {@code K·d} weight entries
 * then the {@code K} bias entries (the order DomainBed concatenates them in), with views of both
 * parts.
 */
record ClassifierEntries(Tensor flat, Tensor weight, Tensor bias) {

  static ClassifierEntries allocate(TensorBackend backend, int classes, int features) {
    Tensor flat = backend.allocate(Shape.of(classes * features + classes));
    return new ClassifierEntries(
        flat,
        backend.view(flat, 0, Shape.of(classes, features)),
        backend.view(flat, (long) classes * features, Shape.of(classes)));
  }
}
