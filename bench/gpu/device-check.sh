#!/usr/bin/env bash
# The CUDA backend's checks on a GPU machine that has the NVIDIA driver and CUDA libraries but no
# Java or Maven. Needs the bundle from bench/gpu/build-bundle.sh (carried to the machine).
#   bash bench/gpu/device-check.sh [BUNDLE]       BUNDLE defaults to .device/cuda-bundle
# Steps (each bounded in time; everything is also written under $OUT, default /tmp/invstream-gpu):
#   1. nvidia-smi, and where cuBLAS and NVRTC are (toolkit directories, else the nvidia-* wheels)
#   2. CudaInfo --open: the probe's report, and the backend opened once
#   3. JUnit: CudaBackendContractTest and CudaAgreementTest (every kernel and full training steps
#      of every algorithm against the CPU backend's committed results, 1e-4 relative)
#   4. the same contract with the kernels compiled by NVRTC at start (INVSTREAM_CUDA_KERNELS=nvrtc)
#   5. bench trainer --device cuda on the issue's shape (MLP 784-1024-1024-10, 3 x 256, Adam), per
#      algorithm, next to the 2-core CPU figures in bench/gpu/cpu-baseline-2core.json, with the
#      step's GEMMs replayed through the seam and directly in cuBLAS
# The last lines printed are a summary. Exit status 0 only if every check passed. The steps' time
# limits add up to 450 s (60 + 150 + 60 + 180): give the device call timeout_s=480.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bundle="$(cd "${1:-$root/.device/cuda-bundle}" && pwd)" || { echo "no bundle: run bench/gpu/build-bundle.sh first" >&2; exit 2; }
out="${OUT:-/tmp/invstream-gpu}"
mkdir -p "$out"
summary="$out/summary.txt"
: > "$summary"
note() { echo "$*" | tee -a "$summary"; }
status=0

# ---- 1. the machine -------------------------------------------------------------------------
nvidia-smi > "$out/nvidia-smi.txt" 2>&1 || true
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm,clocks.max.sm --format=csv > "$out/gpu.csv" 2>&1 || true
note "gpu: $(tail -n +2 "$out/gpu.csv" 2>/dev/null | head -1)"
java_home=/tmp/invstream-java
rm -rf "$java_home" && mkdir -p "$java_home" && tar -C "$java_home" -xzf "$bundle/java-runtime.tar.gz"
java="$java_home/java/bin/java"
"$java" -version > "$out/java-version.txt" 2>&1 || { note "FAIL: the carried Java runtime does not start"; exit 2; }

# cuBLAS and NVRTC: the toolkit's lib64 first, then any nvidia-* Python wheels (cu13 before cu12).
dirs=()
have_nvrtc=""
for pattern in libcublas.so.13 libnvrtc.so.13 libcublas.so.12 libnvrtc.so.12; do
  while IFS= read -r f; do
    d="$(dirname "$f")"
    [[ "$pattern" == libnvrtc* ]] && have_nvrtc="$f"
    [[ " ${dirs[*]-} " == *" $d "* ]] || dirs+=("$d")
  done < <(timeout 60 find /usr/local /usr/lib /opt -name "$pattern" 2>/dev/null | sort)
done
libs="$(IFS=:; echo "${dirs[*]-}")"
libs="${INVSTREAM_CUDA_LIBS:+$INVSTREAM_CUDA_LIBS${libs:+:}}$libs"   # a caller's own directories first
for d in ${INVSTREAM_CUDA_LIBS//:/ }; do
  for f in "$d"/libnvrtc.so.1[23]; do [ -e "$f" ] && have_nvrtc="$f"; done
done
export INVSTREAM_CUDA_LIBS="$libs"
export LD_LIBRARY_PATH="${libs}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
note "INVSTREAM_CUDA_LIBS=$libs"

jvm=(--enable-native-access=ALL-UNNAMED -Xmx8g -XX:+UseParallelGC)
cp="$bundle/invstream-cuda.jar:$bundle/tests.jar:$(ls "$bundle"/lib/invstream-trainer-*-tests.jar):$(ls "$bundle"/lib/assertj-core-*.jar)"
console="$(ls "$bundle"/lib/junit-platform-console-standalone-*.jar)"

# ---- 2. probe -------------------------------------------------------------------------------
if timeout 60 "$java" "${jvm[@]}" -cp "$bundle/invstream-cuda.jar" io.invstream.trainer.tensor.cuda.CudaInfo --open \
    > "$out/probe.txt" 2>&1; then
  note "probe: $(grep '^opened: ' "$out/probe.txt" | head -1)"
else
  note "FAIL probe: $(head -3 "$out/probe.txt")"
  cat "$out/probe.txt"
  exit 1
fi

# ---- 3./4. tests ----------------------------------------------------------------------------
junit() {  # name, time limit in seconds, extra env
  local name="$1" limit="$2"; shift 2
  env "$@" timeout "$limit" "$java" "${jvm[@]}" -jar "$console" execute --class-path "$cp" \
    --select-class io.invstream.trainer.tensor.cuda.CudaBackendContractTest \
    ${AGREEMENT:+--select-class io.invstream.trainer.tensor.cuda.CudaAgreementTest} \
    --details=tree --disable-banner --reports-dir "$out/junit-$name" > "$out/junit-$name.txt" 2>&1
  local rc=$?
  local found ok failed skipped aborted
  found=$(sed -n 's/.*\[ *\([0-9]*\) tests found.*/\1/p' "$out/junit-$name.txt")
  ok=$(sed -n 's/.*\[ *\([0-9]*\) tests successful.*/\1/p' "$out/junit-$name.txt")
  failed=$(sed -n 's/.*\[ *\([0-9]*\) tests failed.*/\1/p' "$out/junit-$name.txt")
  skipped=$(sed -n 's/.*\[ *\([0-9]*\) tests skipped.*/\1/p' "$out/junit-$name.txt")
  aborted=$(sed -n 's/.*\[ *\([0-9]*\) tests aborted.*/\1/p' "$out/junit-$name.txt")  # failed assumptions: no GPU
  if [ "$rc" = 0 ] && [ "${failed:-1}" = 0 ] && [ "${skipped:-1}" = 0 ] && [ "${aborted:-1}" = 0 ] && [ "${ok:-0}" -gt 0 ]; then
    note "tests ($name): ${ok} passed of ${found}"
  else
    note "FAIL tests ($name): exit $rc, found ${found:-?}, passed ${ok:-?}, failed ${failed:-?}, skipped ${skipped:-?}, aborted ${aborted:-?} (see junit-$name.txt)"
    grep -E "✘|MethodSource|=>" "$out/junit-$name.txt" | head -40
    status=1
  fi
}
AGREEMENT=1 junit packaged 150
if [ -n "$have_nvrtc" ]; then
  junit nvrtc 60 INVSTREAM_CUDA_KERNELS=nvrtc
else
  note "tests (nvrtc): not run, no libnvrtc found"
fi

# ---- 5. benchmark ---------------------------------------------------------------------------
timeout 180 "$java" "${jvm[@]}" -jar "$bundle/invstream-cuda.jar" --device cuda \
  --hidden 1024,1024 --environments 3 --examples 256 --warmup 20 --iterations 100 \
  --cores 1 --core-gflops 66900 --cpu-baseline "$root/bench/gpu/cpu-baseline-2core.json" --json \
  > "$out/bench.txt" 2> "$out/bench-stderr.txt"
rc=$?
if [ "$rc" = 0 ]; then
  note "bench: $(head -1 "$out/bench-stderr.txt")"
  sed -n '/^side by side/,/^{/p' "$out/bench.txt" | grep -v '^{' | tee -a "$summary"
else
  note "FAIL bench: exit $rc"; tail -20 "$out/bench-stderr.txt"; status=1
fi

echo "==== summary (also in $summary) ===="
cat "$summary"
[ "$status" = 0 ] && echo "VERDICT: PASS" || echo "VERDICT: FAIL"
exit "$status"
