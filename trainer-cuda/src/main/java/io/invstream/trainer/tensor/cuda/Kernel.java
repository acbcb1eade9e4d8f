package io.invstream.trainer.tensor.cuda;

import java.util.List;

/**
 * Every entry point of {@code invstream_kernels.cu} with the kinds of its parameters, in order.
 * {@link KernelLauncher} checks each launch's arguments against this list, and {@code
 * KernelAbiTest} checks the list against the {@code .entry} declarations of the PTX that nvcc
 * builds, so the Java side and the CUDA C cannot drift apart unnoticed.
 */
enum Kernel {
  REDUCE_PARTIALS("reduce_partials", Param.INT, Param.POINTER, Param.POINTER),
  DOT_PARTIALS("dot_partials", Param.INT, Param.POINTER, Param.POINTER, Param.POINTER),
  AXPY("axpy_f32", Param.INT, Param.FLOAT, Param.POINTER, Param.POINTER),
  SCALE("scale_f32", Param.INT, Param.FLOAT, Param.POINTER),
  MULTIPLY("multiply_f32", Param.INT, Param.POINTER, Param.POINTER, Param.POINTER),
  SCALE_BY_KEPT("scale_by_kept_f32", Param.INT, Param.POINTER, Param.INT, Param.POINTER),
  LINEAR_COMBINATION("linear_combination_f32",
      Param.INT, Param.INT, Param.INT, Param.COEFFICIENTS, Param.POINTER, Param.INT, Param.POINTER),
  ADD_BIAS("add_bias_f32", Param.INT, Param.INT, Param.POINTER, Param.POINTER, Param.INT),
  RELU_BACKWARD("relu_backward_f32", Param.INT, Param.POINTER, Param.POINTER),
  TRANSPOSE_MATRICES("transpose_matrices_f32", Param.INT, Param.INT, Param.INT, Param.POINTER, Param.POINTER),
  SOFTMAX_ROWS("softmax_rows_f32", Param.INT, Param.INT, Param.POINTER, Param.POINTER),
  CROSS_ENTROPY_ROWS("cross_entropy_rows_f32", Param.INT, Param.INT, Param.POINTER, Param.POINTER, Param.POINTER,
      Param.POINTER, Param.POINTER, Param.POINTER),
  CROSS_ENTROPY_GRADIENT("cross_entropy_gradient_f32", Param.INT, Param.INT, Param.POINTER, Param.POINTER, Param.POINTER,
      Param.POINTER, Param.INT, Param.POINTER),
  IM2COL("im2col_f32", Param.INT, Param.INT, Param.INT, Param.INT, Param.INT, Param.INT, Param.POINTER, Param.POINTER),
  COL2IM("col2im_f32", Param.INT, Param.INT, Param.INT, Param.INT, Param.INT, Param.INT, Param.POINTER, Param.POINTER),
  MAX_POOL("max_pool_f32", Param.INT, Param.INT, Param.INT, Param.INT, Param.POINTER, Param.POINTER, Param.INT,
      Param.POINTER),
  MAX_POOL_BACKWARD("max_pool_backward_f32", Param.INT, Param.INT, Param.INT, Param.INT, Param.POINTER, Param.POINTER,
      Param.POINTER),
  AND_MASK("and_mask_f32", Param.INT, Param.INT, Param.FLOAT, Param.POINTER, Param.POINTER, Param.POINTER),
  AND_MASK_GEOMETRIC("and_mask_geometric_f32", Param.INT, Param.INT, Param.FLOAT, Param.POINTER, Param.POINTER,
      Param.POINTER),
  SAND_MASK("sand_mask_f32", Param.INT, Param.INT, Param.FLOAT, Param.FLOAT, Param.POINTER, Param.POINTER, Param.POINTER),
  SIGN_AGREEMENT("sign_agreement_f32", Param.INT, Param.INT, Param.POINTER, Param.POINTER),
  CLASSIFIER_GRADIENT_VARIANCE("classifier_gradient_variance_f32", Param.INT, Param.INT, Param.INT, Param.POINTER,
      Param.POINTER, Param.POINTER, Param.POINTER),
  ADAM("adam_f32", Param.INT, Param.POINTER, Param.POINTER, Param.POINTER, Param.POINTER, Param.FLOAT, Param.FLOAT,
      Param.FLOAT, Param.FLOAT, Param.FLOAT, Param.FLOAT),
  SGD_MOMENTUM("sgd_momentum_f32", Param.INT, Param.POINTER, Param.POINTER, Param.POINTER, Param.FLOAT, Param.FLOAT,
      Param.FLOAT),
  LOG_PROBABILITY_SUM_TANGENT("log_probability_sum_tangent_f32", Param.INT, Param.INT, Param.POINTER, Param.POINTER,
      Param.POINTER, Param.FLOAT, Param.POINTER, Param.POINTER, Param.POINTER),
  MARK_LARGE_MAGNITUDES("mark_large_magnitudes_f32", Param.INT, Param.INT, Param.FLOAT, Param.POINTER, Param.POINTER);

  /** Threads per block; {@code BLOCK} in the CUDA C. */
  static final int BLOCK = 256;
  /** Coefficients per {@link #LINEAR_COMBINATION} launch; {@code MAX_COEFFICIENTS} in the CUDA C. */
  static final int MAX_COEFFICIENTS = 32;

  private final String symbol;
  private final List<Param> params;

  Kernel(String symbol, Param... params) {
    this.symbol = symbol;
    this.params = List.of(params);
  }

  /** The {@code extern "C"} name. */
  String symbol() {
    return symbol;
  }

  List<Param> params() {
    return params;
  }

  /** A kernel parameter's kind and its PTX declaration. */
  enum Param {
    /** {@code int}: {@code .param .u32}. */
    INT(".u32", 4),
    /** {@code float}: {@code .param .f32}. */
    FLOAT(".f32", 4),
    /** A device pointer, passed as a {@code long} (0 for NULL): {@code .param .u64}. */
    POINTER(".u64", 8),
    /** {@code struct Coefficients {float c[32];}} by value: {@code .param .align 4 .b8 …[128]}. */
    COEFFICIENTS(".b8[128]", 4 * MAX_COEFFICIENTS);

    private final String ptx;
    private final int bytes;

    Param(String ptx, int bytes) {
      this.ptx = ptx;
      this.bytes = bytes;
    }

    /** The type as it appears in a PTX {@code .entry} parameter list, normalised. */
    String ptx() {
      return ptx;
    }

    int bytes() {
      return bytes;
    }
  }
}
