package io.invstream.trainer.algorithm;

import io.invstream.trainer.model.BatchLayout;
import io.invstream.trainer.tensor.RowBuffer;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.List;

/**
 * Working tensors an algorithm keeps from step to step, one row per example of the pooled batch
 * and read per environment segment. Storage grows to the largest batch seen and is reused, so a
 * steady stream allocates nothing (the same contract as the model's tape).
 */
final class SegmentScratch {

  private final TensorBackend backend;
  private final List<RowBuffer> buffers = new ArrayList<>();
  private BatchLayout layout;

  SegmentScratch(TensorBackend backend) {
    this.backend = backend;
  }

  /** A new buffer read as {@code [rows, width]}. */
  RowBuffer matrix(int width) {
    RowBuffer b = RowBuffer.matrix(backend, width);
    buffers.add(b);
    if (layout != null) {
      b.reserve(layout.totalRows());
    }
    return b;
  }

  /**
   * Sizes every buffer for this step's batch before any view is taken (growing later would strand
   * views already written).
   */
  void begin(BatchLayout layout) {
    for (RowBuffer b : buffers) {
      b.reserve(layout.totalRows());
    }
    this.layout = layout;
  }

  /** The rows of environment {@code e} in {@code buffer}. */
  Tensor segment(RowBuffer buffer, int e) {
    return buffer.block(layout.start(e), layout.rows(e));
  }
}
