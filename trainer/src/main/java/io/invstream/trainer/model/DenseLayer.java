package io.invstream.trainer.model;

import io.invstream.trainer.param.ParameterBlock;
import io.invstream.trainer.tensor.Tensor;
import io.invstream.trainer.tensor.TensorBackend;

/**
 * One fully connected layer {@code z = x Wᵀ + b} (W stored {@code [out, in]} as in PyTorch),
 * optionally followed by ReLU, over parameters at fixed indices of a model's parameter block.
 */
final class DenseLayer {

  private final int weight;
  private final int bias;
  private final boolean relu;

  DenseLayer(int weightIndex, int biasIndex, boolean relu) {
    this.weight = weightIndex;
    this.bias = biasIndex;
    this.relu = relu;
  }

  /** {@code out = act(x Wᵀ + b)}. */
  void forward(TensorBackend backend, ParameterBlock params, Tensor x, Tensor out) {
    backend.gemm(false, true, 1f, x, params.tensor(weight), 0f, out);
    backend.addBias(out, params.tensor(bias), relu);
  }

  /** {@code dW = dzᵀ x}, {@code db = Σ_rows dz} for one segment's rows. */
  void parameterGradient(TensorBackend backend, Tensor x, Tensor dz, ParameterBlock grads) {
    backend.gemm(true, false, 1f, dz, x, 0f, grads.tensor(weight));
    backend.columnSums(dz, 0f, grads.tensor(bias));
  }

  /** {@code dW += dżᵀ ẋ}: the tangent path's share (a tangent has no bias term). */
  void addTangentWeightGradient(TensorBackend backend, Tensor xTangent, Tensor dzTangent, ParameterBlock grads) {
    backend.gemm(true, false, 1f, dzTangent, xTangent, 1f, grads.tensor(weight));
  }

  /** {@code ż = ẋ Wᵀ}, then the ReLU mask of the primal output when this layer has one. */
  void forwardTangent(TensorBackend backend, ParameterBlock params, Tensor xTangent, Tensor output, Tensor outTangent) {
    backend.gemm(false, true, 1f, xTangent, params.tensor(weight), 0f, outTangent);
    if (relu) {
      backend.reluBackward(outTangent, output);
    }
  }

  /** {@code dx = dz W}. */
  void inputGradient(TensorBackend backend, ParameterBlock params, Tensor dz, Tensor dx) {
    backend.gemm(false, false, 1f, dz, params.tensor(weight), 0f, dx);
  }

  boolean relu() {
    return relu;
  }
}
