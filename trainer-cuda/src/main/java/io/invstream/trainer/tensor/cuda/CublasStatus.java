package io.invstream.trainer.tensor.cuda;

import java.util.Map;

/**
 * Names and meanings of {@code cublasStatus_t} codes (cuBLAS 12 and 13 use the same values), for
 * messages when the library's own {@code cublasGetStatusName}/{@code cublasGetStatusString} are
 * not available.
 */
final class CublasStatus {

  static final int SUCCESS = 0;

  private static final Map<Integer, String[]> NAMES = Map.of(
      0, new String[] {"CUBLAS_STATUS_SUCCESS", "success"},
      1, new String[] {"CUBLAS_STATUS_NOT_INITIALIZED", "the library was not initialized"},
      3, new String[] {"CUBLAS_STATUS_ALLOC_FAILED", "resource allocation failed"},
      7, new String[] {"CUBLAS_STATUS_INVALID_VALUE", "an unsupported value or parameter was passed"},
      8, new String[] {"CUBLAS_STATUS_ARCH_MISMATCH", "the device does not support the operation"},
      11, new String[] {"CUBLAS_STATUS_MAPPING_ERROR", "access to GPU memory space failed"},
      13, new String[] {"CUBLAS_STATUS_EXECUTION_FAILED", "the GPU program failed to execute"},
      14, new String[] {"CUBLAS_STATUS_INTERNAL_ERROR", "an internal cuBLAS operation failed"},
      15, new String[] {"CUBLAS_STATUS_NOT_SUPPORTED", "the functionality requested is not supported"},
      16, new String[] {"CUBLAS_STATUS_LICENSE_ERROR", "the functionality requested requires a license"});

  private CublasStatus() {}

  static String name(int code) {
    String[] entry = NAMES.get(code);
    return entry == null ? "cublasStatus_t " + code : entry[0];
  }

  static String description(int code) {
    String[] entry = NAMES.get(code);
    return entry == null ? null : entry[1];
  }
}
