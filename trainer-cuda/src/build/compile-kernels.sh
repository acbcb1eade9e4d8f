#!/usr/bin/env bash
# Compiles the CUDA C kernels with nvcc into the jar's resources, when nvcc is installed.
#   compile-kernels.sh SOURCE OUTDIR SKIP [NVCC]
# Writes OUTDIR/invstream_kernels.fatbin (sm_80 and sm_90 machine code plus compute_80 PTX, which
# the driver compiles for newer GPUs), OUTDIR/invstream_kernels.ptx (the same PTX, readable, used
# by the tests), OUTDIR/invstream_kernels.properties (nvcc version, targets) and
# OUTDIR/invstream_kernels-ptxas.txt (registers, shared memory, spills per kernel).
# Without nvcc it writes nothing and exits 0: the backend then compiles the source with NVRTC.
# A compile error fails the build: the CUDA C must compile wherever nvcc exists.
set -euo pipefail
source_file="$1"
out="$2"
skip="${3:-false}"
nvcc="${4:-}"

if [ "$skip" = "true" ]; then
  echo "[kernels] -Dinvstream.nvcc.skip=true: no kernels packaged; NVRTC compiles them at run time"
  rm -f "$out"/invstream_kernels.{fatbin,ptx,properties} "$out"/invstream_kernels-ptxas.txt
  exit 0
fi
if [ -z "$nvcc" ]; then
  for candidate in "${CUDA_HOME:+$CUDA_HOME/bin/nvcc}" "$(command -v nvcc 2>/dev/null || true)" /usr/local/cuda/bin/nvcc; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then nvcc="$candidate"; break; fi
  done
fi
if [ -z "$nvcc" ]; then
  echo "[kernels] nvcc not found (CUDA_HOME, PATH, /usr/local/cuda/bin): no kernels packaged; NVRTC compiles them at run time"
  exit 0
fi

mkdir -p "$out"
if [ "$out/invstream_kernels.fatbin" -nt "$source_file" ] && [ "$out/invstream_kernels.ptx" -nt "$source_file" ] \
    && [ "$out/invstream_kernels.properties" -nt "$source_file" ]; then
  echo "[kernels] up to date"
  exit 0
fi
version="$("$nvcc" --version | sed -n 's/.*release [0-9.]*, V\([0-9.]*\).*/\1/p')"
common=(-fmad=false -std=c++17)
echo "[kernels] $nvcc $version: $(basename "$source_file") -> fatbin (sm_80, sm_90, compute_80 PTX) and PTX"
"$nvcc" "${common[@]}" -ptx -arch=compute_80 "$source_file" -o "$out/invstream_kernels.ptx"
"$nvcc" "${common[@]}" -fatbin \
  -gencode arch=compute_80,code=sm_80 \
  -gencode arch=compute_90,code=sm_90 \
  -gencode arch=compute_80,code=compute_80 \
  -Xptxas -v "$source_file" -o "$out/invstream_kernels.fatbin" 2> "$out/invstream_kernels-ptxas.txt"
if grep -q "bytes stack frame" "$out/invstream_kernels-ptxas.txt" && grep "bytes stack frame" "$out/invstream_kernels-ptxas.txt" | grep -qv "^ *0 bytes stack frame"; then
  echo "[kernels] warning: a kernel uses local memory (see invstream_kernels-ptxas.txt)"
fi
{
  echo "nvcc=$version"
  echo "targets=sm_80,sm_90,compute_80"
  echo "options=${common[*]}"
} > "$out/invstream_kernels.properties"
