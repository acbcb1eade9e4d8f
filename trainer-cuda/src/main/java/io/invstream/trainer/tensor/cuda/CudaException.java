package io.invstream.trainer.tensor.cuda;

/**
 * A CUDA driver, cuBLAS or NVRTC call returned an error. The message names the call, the code
 * with its name and, where the library gives one, its description, e.g. {@code cuMemAlloc_v2
 * (allocating 64.0 MiB) failed: CUDA_ERROR_OUT_OF_MEMORY (2): out of memory}.
 */
public final class CudaException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String call;
  private final int code;
  private final String codeName;

  CudaException(String call, int code, String codeName, String description) {
    super(call + " failed: " + codeName + " (" + code + ")" + (description == null || description.isBlank() ? "" : ": " + description));
    this.call = call;
    this.code = code;
    this.codeName = codeName;
  }

  /** The library function that failed, with context where given, e.g. {@code cuMemAlloc_v2}. */
  public String call() {
    return call;
  }

  /** The numeric code it returned. */
  public int code() {
    return code;
  }

  /** The code's name, e.g. {@code CUDA_ERROR_OUT_OF_MEMORY}. */
  public String codeName() {
    return codeName;
  }
}
