// Host emulation of the CUDA C dialect invstream_kernels.cu is written in, for tests on machines
// without a GPU: every CUDA thread of a block is a host thread, so __syncthreads() is a real
// barrier, and blocks run one after another (so __shared__ arrays can be function statics).
// Used only by the test emulator (emulator.cpp); never part of the backend.
#pragma once
#include <atomic>
#include <barrier>
#include <math.h>
#include <string.h>

struct EmuDim3 {
  unsigned x, y, z;
};

static thread_local EmuDim3 threadIdx;
static thread_local EmuDim3 blockIdx;
static EmuDim3 gridDim;
static EmuDim3 blockDim;
static std::barrier<>* emu_block_barrier;

#define __global__
#define __device__
#define __forceinline__ inline
#define __shared__ static

inline void __syncthreads() { emu_block_barrier->arrive_and_wait(); }

inline float __int_as_float(int bits) {
  float f;
  memcpy(&f, &bits, sizeof f);
  return f;
}

inline double __longlong_as_double(long long bits) {
  double d;
  memcpy(&d, &bits, sizeof d);
  return d;
}

inline int atomicMin(int* address, int value) {
  std::atomic_ref<int> cell(*address);
  int old = cell.load();
  while (value < old && !cell.compare_exchange_weak(old, value)) {
  }
  return old;
}
