package io.invstream.trainer.step;

import io.invstream.trainer.model.BatchLayout;
import io.invstream.trainer.model.Model;
import io.invstream.trainer.model.Tape;
import io.invstream.trainer.tensor.RowBuffer;
import io.invstream.trainer.tensor.Shape;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;
import java.util.List;

/**
 * Copies host batches into backend buffers laid out like the tape's pooled batch: features into
 * the tape's input, labels, weights and annotation masks alongside, plus the probability buffer
 * the loss kernel writes. Storage is reused from step to step.
 */
final class BatchStaging {

  private final TensorBackend backend;
  private final Model model;
  private final RowBuffer labels;
  private final RowBuffer weights;
  private final RowBuffer masks;
  private final RowBuffer probabilities;
  private float[] hostLabels = new float[0];

  BatchStaging(TensorBackend backend, Model model) {
    this.backend = backend;
    this.model = model;
    this.labels = new RowBuffer(backend, n -> Shape.of(n));
    this.weights = new RowBuffer(backend, n -> Shape.of(n));
    this.masks = RowBuffer.matrix(backend, model.inputSize());
    this.probabilities = RowBuffer.matrix(backend, model.classes());
  }

  /** Layout of a batch with these environments, in order. */
  static BatchLayout layoutOf(List<EnvironmentBatch> batches) {
    int[] rows = new int[batches.size()];
    for (int e = 0; e < rows.length; e++) {
      rows[e] = batches.get(e).rows();
    }
    return new BatchLayout(rows);
  }

  /** Checks the batches against the model, begins the tape and uploads everything. */
  void stage(List<EnvironmentBatch> batches, Tape tape) {
    BatchLayout layout = layoutOf(batches);
    for (EnvironmentBatch b : batches) {
      check(b);
    }
    tape.begin(layout);
    for (RowBuffer b : List.of(labels, weights, masks, probabilities)) {
      b.reserve(layout.totalRows());
    }
    int cols = model.inputSize();
    for (int e = 0; e < batches.size(); e++) {
      EnvironmentBatch b = batches.get(e);
      int start = layout.start(e);
      backend.upload(b.featureArray(), 0, tape.input(), (long) start * cols, b.rows() * cols);
      if (hostLabels.length < b.rows()) {
        hostLabels = new float[b.rows()];
      }
      for (int r = 0; r < b.rows(); r++) {
        hostLabels[r] = b.label(r);
      }
      backend.upload(hostLabels, 0, labels(layout, e), 0, b.rows());
      if (b.weightArray() != null) {
        backend.upload(b.weightArray(), weights.block(start, b.rows()));
      }
      if (b.maskArray() != null) {
        backend.upload(b.maskArray(), masks.block(start, b.rows()));
      }
    }
  }

  Tensor labels(BatchLayout layout, int e) {
    return labels.block(layout.start(e), layout.rows(e));
  }

  Tensor weights(BatchLayout layout, int e, EnvironmentBatch batch) {
    return batch.weightArray() == null ? null : weights.block(layout.start(e), layout.rows(e));
  }

  Tensor mask(BatchLayout layout, int e, EnvironmentBatch batch) {
    return batch.maskArray() == null ? null : masks.block(layout.start(e), layout.rows(e));
  }

  Tensor probabilities(BatchLayout layout, int e) {
    return probabilities.block(layout.start(e), layout.rows(e));
  }

  private void check(EnvironmentBatch b) {
    if (b.cols() != model.inputSize()) {
      throw new IllegalArgumentException(
          "environment '" + b.environment() + "' has " + b.cols() + " features per row but the model ("
              + model.spec().describe() + ") takes " + model.inputSize());
    }
    for (int r = 0; r < b.rows(); r++) {
      if (b.label(r) >= model.classes()) {
        throw new IllegalArgumentException(
            "environment '" + b.environment() + "': label " + b.label(r) + " at row " + r
                + " is out of range for a model with " + model.classes() + " classes");
      }
    }
  }
}
