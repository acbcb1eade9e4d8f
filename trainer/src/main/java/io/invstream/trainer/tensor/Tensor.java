package io.invstream.trainer.tensor;

/**
 * An opaque handle on float32 storage owned by a {@link TensorBackend}: host memory for the CPU
 * backend, device memory for a GPU backend.
 *
 * <p>Models and algorithms never read a tensor's elements directly; they pass handles to backend
 * kernels and copy to or from the host only through {@link TensorBackend#upload} and
 * {@link TensorBackend#download}. A handle is only valid with the backend that created it.
 */
public interface Tensor {

  /** Logical shape, row-major. */
  Shape shape();

  /** Number of elements. */
  default long size() {
    return shape().size();
  }
}
