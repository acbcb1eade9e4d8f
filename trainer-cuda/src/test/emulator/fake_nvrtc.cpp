// A fake NVRTC (libnvrtc.so.13) for the trainer-cuda tests without a GPU: it checks that the
// backend passes the kernels' source and the options it documents, and returns a stand-in PTX
// that the fake driver accepts (the kernels themselves then run in the emulator). Test-only.
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <string>

extern "C" {
typedef int nvrtcResult;
struct FakeProgram {
  std::string source;
  std::string log;
  bool compiled = false;
};
typedef FakeProgram* nvrtcProgram;
static const char PTX[] = "//\n// fake NVRTC output\n//\n.version 9.0\n.target sm_90\n.address_size 64\n";

nvrtcResult nvrtcCreateProgram(nvrtcProgram* prog, const char* src, const char*, int headers, const char* const*,
    const char* const*) {
  if (headers != 0) return 3;
  *prog = new FakeProgram{src, "", false};
  return 0;
}
nvrtcResult nvrtcCompileProgram(nvrtcProgram prog, int count, const char* const* options) {
  bool arch = false;
  bool fmad = false;
  for (int i = 0; i < count; i++) {
    arch |= strncmp(options[i], "--gpu-architecture=compute_", 27) == 0;
    fmad |= strcmp(options[i], "-fmad=false") == 0;
  }
  if (!arch || !fmad || prog->source.find("__global__ void adam_f32(") == std::string::npos) {
    prog->log = "fake NVRTC: expected --gpu-architecture=compute_XY, -fmad=false and the invstream kernels";
    return 6;
  }
  prog->compiled = true;
  return 0;
}
nvrtcResult nvrtcGetPTXSize(nvrtcProgram prog, size_t* size) {
  *size = sizeof PTX;
  return prog->compiled ? 0 : 4;
}
nvrtcResult nvrtcGetPTX(nvrtcProgram prog, char* out) {
  memcpy(out, PTX, sizeof PTX);
  return prog->compiled ? 0 : 4;
}
nvrtcResult nvrtcGetProgramLogSize(nvrtcProgram prog, size_t* size) {
  *size = prog->log.size() + 1;
  return 0;
}
nvrtcResult nvrtcGetProgramLog(nvrtcProgram prog, char* out) {
  memcpy(out, prog->log.c_str(), prog->log.size() + 1);
  return 0;
}
nvrtcResult nvrtcDestroyProgram(nvrtcProgram* prog) {
  delete *prog;
  *prog = nullptr;
  return 0;
}
const char* nvrtcGetErrorString(nvrtcResult r) { return r == 6 ? "NVRTC_ERROR_COMPILATION" : "fake"; }
nvrtcResult nvrtcVersion(int* major, int* minor) {
  *major = 13;
  *minor = 0;
  return 0;
}
}
