package io.invstream.trainer.tensor.cuda;

import io.invstream.trainer.tensor.Shape;
import io.invstream.trainer.tensor.Tensor;

/**
 * A tensor in device memory: the device address of its first element and its shape. Views are
 * tensors whose address lies inside another's; the storage belongs to the backend's arena.
 *
 * @param address device address of element 0
 * @param backend the backend that made it (tensors cannot cross backends)
 */
record CudaTensor(Shape shape, long address, CudaBackend backend) implements Tensor {

  /** Device address of element {@code index}. */
  long at(long index) {
    return address + 4L * index;
  }

  @Override
  public String toString() {
    return "CudaTensor" + shape;
  }
}
