package io.invstream.trainer.tensor.cpu;

import io.invstream.trainer.tensor.Shape;
import io.invstream.trainer.tensor.Tensor;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A CPU tensor: an ND4J float buffer plus a direct {@link FloatBuffer} window on its elements.
 *
 * <p>The {@link INDArray} is held only to keep the native memory alive: ND4J frees it when the
 * array becomes unreachable, and a bare {@code FloatBuffer} does not keep it reachable.
 */
final class CpuTensor implements Tensor {

  private final Shape shape;
  private final INDArray owner;
  private final FloatBuffer data;

  CpuTensor(Shape shape, INDArray owner, FloatBuffer data) {
    this.shape = shape;
    this.owner = owner;
    this.data = data;
  }

  @Override
  public Shape shape() {
    return shape;
  }

  /** Elements of this tensor at indices {@code 0 .. size-1}; position 0, shared, do not move. */
  FloatBuffer data() {
    return data;
  }

  INDArray owner() {
    return owner;
  }

  /** Matrix reading: outermost dimension. */
  int rows() {
    return shape.rows();
  }

  /** Matrix reading: product of the inner dimensions. */
  int cols() {
    return Math.toIntExact(shape.rowSize());
  }

  int length() {
    return Math.toIntExact(shape.size());
  }

  @Override
  public String toString() {
    return "CpuTensor" + shape;
  }
}
