// Runs the kernels of invstream_kernels.cu on the host for the trainer-cuda tests
// (EmulatedAccelerator): invstream_emulate(name, blocks, threads, params) takes the same
// void** argument block as cuLaunchKernel. A pool of 256 threads plays one block at a time.
#include "cuda_host_shim.h"

#include "invstream_kernels.cu"

#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

constexpr unsigned THREADS = 256;

template <typename... A, std::size_t... I>
void call_with(void (*kernel)(A...), void** params, std::index_sequence<I...>) {
  kernel(*static_cast<std::remove_cv_t<A>*>(params[I])...);
}

template <typename... A>
void invoke(void (*kernel)(A...), void** params) {
  call_with(kernel, params, std::index_sequence_for<A...>{});
}

struct Entry {
  const char* name;
  void (*run)(void**);
};

#define KERNEL(n) {#n, [](void** p) { invoke(n, p); }},
const Entry TABLE[] = {
#include "kernel_table.inc"
};
#undef KERNEL

class Pool {
 public:
  Pool() : start_(THREADS + 1), done_(THREADS + 1), sync_(THREADS) {
    emu_block_barrier = &sync_;
    for (unsigned t = 0; t < THREADS; t++) {
      workers_.emplace_back([this, t] {
        threadIdx = {t, 0, 0};
        for (;;) {
          start_.arrive_and_wait();
          blockIdx = {block_, 0, 0};
          body_();
          done_.arrive_and_wait();
        }
      });
      workers_.back().detach();
    }
  }

  void run(unsigned blocks, std::function<void()> body) {
    body_ = std::move(body);
    gridDim = {blocks, 1, 1};
    blockDim = {THREADS, 1, 1};
    for (unsigned b = 0; b < blocks; b++) {
      block_ = b;
      start_.arrive_and_wait();
      done_.arrive_and_wait();
    }
  }

 private:
  std::vector<std::thread> workers_;
  std::barrier<> start_;
  std::barrier<> done_;
  std::barrier<> sync_;
  std::function<void()> body_;
  unsigned block_ = 0;
};

std::mutex launch_lock;

Pool& pool() {
  static Pool* instance = new Pool();  // never destroyed: its threads wait until the process ends
  return *instance;
}

}  // namespace

// 0: ran; -1: unknown kernel; -2: a block size other than the kernels' BLOCK.
extern "C" int invstream_emulate(const char* name, int blocks, int threads, void** params) {
  if (threads != (int) THREADS) {
    return -2;
  }
  for (const Entry& e : TABLE) {
    if (strcmp(e.name, name) == 0) {
      std::lock_guard<std::mutex> guard(launch_lock);
      pool().run((unsigned) blocks, [&e, params] { e.run(params); });
      return 0;
    }
  }
  return -1;
}
