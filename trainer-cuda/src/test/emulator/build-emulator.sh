#!/usr/bin/env bash
# Builds the host emulator of the CUDA kernels for the tests, when g++ (C++20) is installed.
#   build-emulator.sh KERNELS_CU OUTDIR
# Without g++ it prints a notice and exits 0; the tests that need the emulator then skip.
set -euo pipefail
kernels="$1"
out="$2"
here="$(cd "$(dirname "$0")" && pwd)"
cxx="${CXX:-g++}"
if ! command -v "$cxx" >/dev/null 2>&1; then
  echo "[emulator] $cxx not found: the emulated-kernel tests will skip (apt-get install g++)"
  exit 0
fi
mkdir -p "$out"
lib="$out/libinvstream_kernels_emulator.so"
if [ -f "$lib" ] && [ -z "$(find "$here" "$kernels" -newer "$lib" -type f)" ]; then
  exit 0
fi
sed -n 's/^extern "C" __global__ void \([a-z_0-9]*\)(.*/KERNEL(\1)/p' "$kernels" > "$out/kernel_table.inc"
echo "[emulator] $cxx: $(wc -l < "$out/kernel_table.inc") kernels of $(basename "$kernels") -> $(basename "$lib")"
# -ffp-contract=off: no fused multiply-adds, like nvcc -fmad=false.
"$cxx" -std=c++20 -O1 -ffp-contract=off -fPIC -shared -pthread -w \
  -I"$here" -I"$(dirname "$kernels")" -I"$out" -x c++ "$here/emulator.cpp" -o "$lib"

# A fake CUDA installation on top of the emulator (fake-cuda/): libcuda.so.1 compiled against the
# real cuda.h where one is installed, libcublas.so.13 and libnvrtc.so.13.
header="${CUDA_HOME:-/usr/local/cuda}/include"
fake="$out/fake-cuda"
if [ -f "$header/cuda.h" ]; then
  mkdir -p "$fake"
  echo "[emulator] fake libcuda.so.1 (against $header/cuda.h), libcublas.so.13, libnvrtc.so.13 -> $fake"
  "$cxx" -std=c++20 -O1 -ffp-contract=off -fPIC -shared -pthread -w -I"$header" -I"$here" -I"$(dirname "$kernels")" -I"$out" \
    "$here/fake_cuda.cpp" -x c++ "$here/emulator.cpp" -Wl,-soname,libcuda.so.1 -o "$fake/libcuda.so.1"
  "$cxx" -std=c++20 -O1 -ffp-contract=off -fPIC -shared -w "$here/fake_cublas.cpp" -Wl,-soname,libcublas.so.13 -o "$fake/libcublas.so.13"
  "$cxx" -std=c++20 -O1 -fPIC -shared -w "$here/fake_nvrtc.cpp" -Wl,-soname,libnvrtc.so.13 -o "$fake/libnvrtc.so.13"
else
  echo "[emulator] no cuda.h under $header: the fake-driver tests will skip"
fi
