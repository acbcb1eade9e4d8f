package io.invstream.trainer.tensor;

import java.util.Locale;

/** Where the trainer's tensor math runs, as chosen with {@code --device}. */
public enum Device {
  /** The CPU backend (ND4J storage, OpenBLAS GEMM, Java kernels). */
  CPU,
  /** The CUDA backend; fails with a reason when no GPU is usable. */
  CUDA,
  /** The CUDA backend when a GPU is usable, else the CPU; the choice is reported with its reason. */
  AUTO;

  /** Parses {@code cpu}, {@code cuda} or {@code auto} (any case). */
  public static Device parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--device takes cpu, cuda or auto, got '" + value + "'", e);
    }
  }

  /** The flag value, e.g. {@code cuda}. */
  public String flag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
