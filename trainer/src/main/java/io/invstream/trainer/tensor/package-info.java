/**
 * The numeric seam: {@link io.invstream.trainer.tensor.TensorBackend} and its opaque float32
 * {@link io.invstream.trainer.tensor.Tensor}s, through which all tensor math of the trainer runs.
 */
package io.invstream.trainer.tensor;
