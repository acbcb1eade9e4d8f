// A fake CUDA driver (libcuda.so.1) for the trainer-cuda tests on machines without a GPU. Every
// function the backend binds is defined here against CUDA's own cuda.h, so the compiler checks
// each definition against the real prototype; the bodies keep "device memory" in host memory,
// run kernel launches in the host emulator (emulator.cpp, linked into the same library) and
// record what the backend asked for. It lets FakeDriver*Test run the backend's real driver path
// (DeviceContext, Driver, KernelModule, KernelLauncher) end to end. Test-only.
#include <cuda.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

extern "C" int invstream_emulate(const char* name, int blocks, int threads, void** params);

namespace {
bool reject_fatbins = false;
long long allocated = 0;
long long launches = 0;
const unsigned FATBIN_MAGIC = 0xBA55ED50u;
const size_t MEMORY_LIMIT = size_t(4) << 30;

struct Function {
  std::string name;
};

int fake_context = 1;
int fake_stream = 2;
int fake_module = 3;
}  // namespace

// ---- test controls -----------------------------------------------------------------------------
extern "C" void fake_cuda_reject_fatbins(int on) { reject_fatbins = on != 0; }
extern "C" long long fake_cuda_launches() { return launches; }
extern "C" long long fake_cuda_allocated() { return allocated; }

// ---- the driver API ----------------------------------------------------------------------------
CUresult CUDAAPI cuInit(unsigned int) { return CUDA_SUCCESS; }

CUresult CUDAAPI cuDriverGetVersion(int* version) {
  *version = 13000;
  return CUDA_SUCCESS;
}

CUresult CUDAAPI cuDeviceGetCount(int* count) {
  *count = 1;
  return CUDA_SUCCESS;
}

CUresult CUDAAPI cuDeviceGet(CUdevice* device, int ordinal) {
  if (ordinal != 0) return CUDA_ERROR_INVALID_DEVICE;
  *device = 0;
  return CUDA_SUCCESS;
}

CUresult CUDAAPI cuDeviceGetName(char* name, int len, CUdevice) {
  strncpy(name, "Fake GPU (host emulation)", len);
  name[len - 1] = 0;
  return CUDA_SUCCESS;
}

CUresult CUDAAPI cuDeviceGetAttribute(int* value, CUdevice_attribute attribute, CUdevice) {
  switch (attribute) {
    case CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR: *value = 9; break;
    case CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR: *value = 0; break;
    case CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT: *value = 132; break;
    default: return CUDA_ERROR_INVALID_VALUE;
  }
  return CUDA_SUCCESS;
}

CUresult CUDAAPI cuDeviceTotalMem(size_t* bytes, CUdevice) {
  *bytes = MEMORY_LIMIT;
  return CUDA_SUCCESS;
}

CUresult CUDAAPI cuDevicePrimaryCtxRetain(CUcontext* context, CUdevice) {
  *context = reinterpret_cast<CUcontext>(&fake_context);
  return CUDA_SUCCESS;
}

CUresult CUDAAPI cuDevicePrimaryCtxRelease(CUdevice) { return CUDA_SUCCESS; }

CUresult CUDAAPI cuCtxSetCurrent(CUcontext context) {
  return context == reinterpret_cast<CUcontext>(&fake_context) ? CUDA_SUCCESS : CUDA_ERROR_INVALID_CONTEXT;
}

CUresult CUDAAPI cuMemGetInfo(size_t* free, size_t* total) {
  *total = MEMORY_LIMIT;
  *free = MEMORY_LIMIT - allocated;
  return CUDA_SUCCESS;
}

CUresult CUDAAPI cuMemAlloc(CUdeviceptr* pointer, size_t bytes) {
  if (bytes > MEMORY_LIMIT) return CUDA_ERROR_OUT_OF_MEMORY;
  void* p = aligned_alloc(256, (bytes + 255) / 256 * 256);
  if (p == nullptr) return CUDA_ERROR_OUT_OF_MEMORY;
  allocated += (long long) bytes;
  *pointer = reinterpret_cast<CUdeviceptr>(p);
  return CUDA_SUCCESS;
}

CUresult CUDAAPI cuMemFree(CUdeviceptr pointer) {
  free(reinterpret_cast<void*>(pointer));
  return CUDA_SUCCESS;
}

CUresult CUDAAPI cuMemAllocHost(void** pointer, size_t bytes) {
  *pointer = aligned_alloc(4096, (bytes + 4095) / 4096 * 4096);
  return *pointer == nullptr ? CUDA_ERROR_OUT_OF_MEMORY : CUDA_SUCCESS;
}

CUresult CUDAAPI cuMemFreeHost(void* pointer) {
  free(pointer);
  return CUDA_SUCCESS;
}

static CUresult check_stream(CUstream stream) {
  return stream == reinterpret_cast<CUstream>(&fake_stream) ? CUDA_SUCCESS : CUDA_ERROR_INVALID_HANDLE;
}

CUresult CUDAAPI cuMemcpyHtoDAsync(CUdeviceptr dst, const void* src, size_t bytes, CUstream stream) {
  memcpy(reinterpret_cast<void*>(dst), src, bytes);
  return check_stream(stream);
}

CUresult CUDAAPI cuMemcpyDtoHAsync(void* dst, CUdeviceptr src, size_t bytes, CUstream stream) {
  memcpy(dst, reinterpret_cast<const void*>(src), bytes);
  return check_stream(stream);
}

CUresult CUDAAPI cuMemcpyDtoDAsync(CUdeviceptr dst, CUdeviceptr src, size_t bytes, CUstream stream) {
  memmove(reinterpret_cast<void*>(dst), reinterpret_cast<const void*>(src), bytes);
  return check_stream(stream);
}

CUresult CUDAAPI cuMemsetD32Async(CUdeviceptr dst, unsigned int value, size_t count, CUstream stream) {
  unsigned int* p = reinterpret_cast<unsigned int*>(dst);
  for (size_t i = 0; i < count; i++) p[i] = value;
  return check_stream(stream);
}

CUresult CUDAAPI cuStreamCreate(CUstream* stream, unsigned int flags) {
  if (flags != CU_STREAM_NON_BLOCKING) return CUDA_ERROR_INVALID_VALUE;
  *stream = reinterpret_cast<CUstream>(&fake_stream);
  return CUDA_SUCCESS;
}

CUresult CUDAAPI cuStreamDestroy(CUstream stream) { return check_stream(stream); }

CUresult CUDAAPI cuStreamSynchronize(CUstream stream) { return check_stream(stream); }

CUresult CUDAAPI cuModuleLoadDataEx(CUmodule* module, const void* image, unsigned int count, CUjit_option* options,
    void** values) {
  unsigned magic;
  memcpy(&magic, image, sizeof magic);
  bool fatbin = magic == FATBIN_MAGIC;
  bool ptx = strncmp(static_cast<const char*>(image), "//", 2) == 0 || strstr(static_cast<const char*>(image), ".version") != nullptr;
  if (!fatbin && !ptx) return CUDA_ERROR_INVALID_IMAGE;
  if (fatbin && reject_fatbins) {
    char* log = nullptr;
    size_t size = 0;
    for (unsigned i = 0; i < count; i++) {
      if (options[i] == CU_JIT_ERROR_LOG_BUFFER) log = static_cast<char*>(values[i]);
      if (options[i] == CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES) size = reinterpret_cast<uintptr_t>(values[i]);
    }
    if (log != nullptr && size > 0) snprintf(log, size, "fake driver: this PTX ISA version is too new");
    return CUDA_ERROR_UNSUPPORTED_PTX_VERSION;
  }
  *module = reinterpret_cast<CUmodule>(&fake_module);
  return CUDA_SUCCESS;
}

CUresult CUDAAPI cuModuleUnload(CUmodule) { return CUDA_SUCCESS; }

CUresult CUDAAPI cuModuleGetFunction(CUfunction* function, CUmodule, const char* name) {
  *function = reinterpret_cast<CUfunction>(new Function{name});
  return CUDA_SUCCESS;
}

CUresult CUDAAPI cuLaunchKernel(CUfunction f, unsigned int gridX, unsigned int gridY, unsigned int gridZ,
    unsigned int blockX, unsigned int blockY, unsigned int blockZ, unsigned int shared, CUstream stream, void** params,
    void** extra) {
  if (gridY != 1 || gridZ != 1 || blockY != 1 || blockZ != 1 || shared != 0 || extra != nullptr) return CUDA_ERROR_INVALID_VALUE;
  if (check_stream(stream) != CUDA_SUCCESS) return CUDA_ERROR_INVALID_HANDLE;
  launches++;
  int status = invstream_emulate(reinterpret_cast<Function*>(f)->name.c_str(), (int) gridX, (int) blockX, params);
  return status == 0 ? CUDA_SUCCESS : CUDA_ERROR_INVALID_VALUE;
}

CUresult CUDAAPI cuGetErrorName(CUresult error, const char** text) {
  switch (error) {
    case CUDA_ERROR_OUT_OF_MEMORY: *text = "CUDA_ERROR_OUT_OF_MEMORY"; return CUDA_SUCCESS;
    case CUDA_ERROR_UNSUPPORTED_PTX_VERSION: *text = "CUDA_ERROR_UNSUPPORTED_PTX_VERSION"; return CUDA_SUCCESS;
    default: *text = nullptr; return CUDA_ERROR_INVALID_VALUE;
  }
}

CUresult CUDAAPI cuGetErrorString(CUresult error, const char** text) {
  switch (error) {
    case CUDA_ERROR_OUT_OF_MEMORY: *text = "out of memory"; return CUDA_SUCCESS;
    case CUDA_ERROR_UNSUPPORTED_PTX_VERSION: *text = "the provided PTX was compiled with an unsupported toolchain."; return CUDA_SUCCESS;
    default: *text = nullptr; return CUDA_ERROR_INVALID_VALUE;
  }
}
