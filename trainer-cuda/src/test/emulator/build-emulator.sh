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
if [ -f "$lib" ] && [ "$lib" -nt "$kernels" ] && [ "$lib" -nt "$here/emulator.cpp" ] && [ "$lib" -nt "$here/cuda_host_shim.h" ]; then
  exit 0
fi
sed -n 's/^extern "C" __global__ void \([a-z_0-9]*\)(.*/KERNEL(\1)/p' "$kernels" > "$out/kernel_table.inc"
echo "[emulator] $cxx: $(wc -l < "$out/kernel_table.inc") kernels of $(basename "$kernels") -> $(basename "$lib")"
# -ffp-contract=off: no fused multiply-adds, like nvcc -fmad=false.
"$cxx" -std=c++20 -O1 -ffp-contract=off -fPIC -shared -pthread -w \
  -I"$here" -I"$(dirname "$kernels")" -I"$out" -x c++ "$here/emulator.cpp" -o "$lib"
