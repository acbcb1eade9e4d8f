package io.invstream.trainer.reference;

import io.invstream.trainer.param.NamedTensor;
import io.invstream.trainer.tensor.Shape;
import java.util.List;

/**
 * A named float64 tensor of a reference fixture, in the same naming and row-major layout as the
 * trainer's {@link NamedTensor}s (parameters {@code dense0.weight}, state tensors {@code
 * ema/env0}, …).
 */
public record ReferenceTensor(String name, int[] shape, double[] data) {

  /** The values rounded to float32, for loading into the trainer. */
  public NamedTensor toNamedTensor() {
    float[] f = new float[data.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) data[i];
    }
    return new NamedTensor(name, new Shape(shape), f);
  }

  /** All tensors concatenated in list order: the flat layout of a parameter block. */
  public static double[] flatten(List<ReferenceTensor> tensors) {
    int size = tensors.stream().mapToInt(t -> t.data().length).sum();
    double[] out = new double[size];
    int offset = 0;
    for (ReferenceTensor t : tensors) {
      System.arraycopy(t.data(), 0, out, offset, t.data().length);
      offset += t.data().length;
    }
    return out;
  }

  /** Each tensor rounded to float32. */
  public static List<NamedTensor> toNamedTensors(List<ReferenceTensor> tensors) {
    return tensors.stream().map(ReferenceTensor::toNamedTensor).toList();
  }
}
