// A fake cuBLAS (libcublas.so.13) for the trainer-cuda tests without a GPU: column-major reference
// GEMM and GEMV with the cuBLAS v2 signatures (no header is installed here, so they are written
// out from the cuBLAS documentation). With the fake driver, device pointers are host pointers.
// Because these are column-major like cuBLAS, the backend's row-major operand swap is tested for
// real. Test-only.
#include <cstddef>
#include <cstdint>

extern "C" {
typedef int cublasStatus_t;
typedef struct FakeHandle* cublasHandle_t;
struct FakeHandle {
  void* stream;
  int math;
  void* workspace;
  size_t workspaceBytes;
};

static float at(const float* m, int ld, bool t, int i, int j) { return t ? m[j + (size_t) i * ld] : m[i + (size_t) j * ld]; }

cublasStatus_t cublasCreate_v2(cublasHandle_t* handle) {
  *handle = new FakeHandle{nullptr, -1, nullptr, 0};
  return 0;
}
cublasStatus_t cublasDestroy_v2(cublasHandle_t handle) {
  delete handle;
  return 0;
}
cublasStatus_t cublasSetStream_v2(cublasHandle_t h, void* stream) {
  h->stream = stream;
  return stream == nullptr ? 7 : 0;
}
cublasStatus_t cublasSetMathMode(cublasHandle_t h, int mode) {
  h->math = mode;
  return mode == 0 || mode == 3 ? 0 : 7;
}
cublasStatus_t cublasSetWorkspace_v2(cublasHandle_t h, void* workspace, size_t bytes) {
  h->workspace = workspace;
  h->workspaceBytes = bytes;
  return bytes >= (4u << 20) && (reinterpret_cast<uintptr_t>(workspace) % 256) == 0 ? 0 : 7;
}
cublasStatus_t cublasGetVersion_v2(cublasHandle_t, int* version) {
  *version = 130001;
  return 0;
}
const char* cublasGetStatusName(cublasStatus_t s) { return s == 7 ? "CUBLAS_STATUS_INVALID_VALUE" : "CUBLAS_STATUS_?"; }
const char* cublasGetStatusString(cublasStatus_t s) { return s == 7 ? "fake: invalid value" : "fake"; }

// C = alpha op(A) op(B) + beta C, column-major; beta == 0 ignores C (NaN included), as cuBLAS.
cublasStatus_t cublasSgemm_v2(cublasHandle_t h, int transa, int transb, int m, int n, int k, const float* alpha,
    const float* A, int lda, const float* B, int ldb, const float* beta, float* C, int ldc) {
  if (h->stream == nullptr || m <= 0 || n <= 0 || k <= 0 || lda < (transa ? k : m) || ldb < (transb ? n : k) || ldc < m) {
    return 7;
  }
  for (int j = 0; j < n; j++) {
    for (int i = 0; i < m; i++) {
      float sum = 0;
      for (int l = 0; l < k; l++) sum += at(A, lda, transa != 0, i, l) * at(B, ldb, transb != 0, l, j);
      float* c = &C[i + (size_t) j * ldc];
      *c = *beta == 0 ? *alpha * sum : *alpha * sum + *beta * *c;
    }
  }
  return 0;
}

// y = alpha op(A) x + beta y for the column-major [m, n] matrix A.
cublasStatus_t cublasSgemv_v2(cublasHandle_t h, int trans, int m, int n, const float* alpha, const float* A, int lda,
    const float* x, int incx, const float* beta, float* y, int incy) {
  if (h->stream == nullptr || trans != 0 || lda < m || incx != 1 || incy != 1) return 7;
  for (int i = 0; i < m; i++) {
    float sum = 0;
    for (int j = 0; j < n; j++) sum += A[i + (size_t) j * lda] * x[j];
    y[i] = *beta == 0 ? *alpha * sum : *alpha * sum + *beta * y[i];
  }
  return 0;
}
}
