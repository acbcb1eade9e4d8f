#!/usr/bin/env bash
# Builds what a GPU machine needs to check the CUDA backend without Java or Maven there, into
# .device/cuda-bundle/ (git-ignored; the device tool's `carry` sends it along):
#   java-runtime.tar.gz   a jlink'd Java 25 runtime with only the modules the jars use
#   invstream-cuda.jar     trainer + CUDA backend + slf4j (no ND4J natives, no Kafka)
#   tests.jar, lib/*.jar   the CUDA tests, TensorBackendContractTest, AssertJ, the JUnit console
# Usage: bench/gpu/build-bundle.sh  (from the repository root of the checkout the device tool sends;
# JDK25 defaults to /usr/lib/jvm/temurin-25-jdk-amd64). Prints the bundle's size: it must stay
# under the device tool's 64 MiB per call together with the working tree.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
jdk="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
bundle="$root/.device/cuda-bundle"
cd "$root"

rm -rf "$root/trainer-cuda/target/device-bundle"
echo "[bundle] building trainer-cuda with $jdk (kernels by nvcc where installed)"
JAVA_HOME="$jdk" ./mvnw -q -B -Pdevice-bundle -pl trainer-cuda -am package -DskipTests

target="$root/trainer-cuda/target"
rm -rf "$bundle"
mkdir -p "$bundle/lib"
cp "$target"/invstream-trainer-cuda-*-device.jar "$bundle/invstream-cuda.jar"
cp "$target"/invstream-trainer-cuda-*-tests.jar "$bundle/tests.jar"
cp "$target"/device-bundle/lib/*.jar "$bundle/lib/"
if ! unzip -Z1 "$bundle/invstream-cuda.jar" 'io/invstream/trainer/tensor/cuda/invstream_kernels.fatbin' > /dev/null 2>&1; then
  echo "[bundle] warning: no nvcc-built kernels in the jar; the GPU machine will compile them with NVRTC"
fi

modules="$("$jdk/bin/jdeps" --multi-release 25 --ignore-missing-deps --print-module-deps \
  "$bundle/invstream-cuda.jar" "$bundle/tests.jar" "$bundle"/lib/*.jar 2>/dev/null)"
# JUnit writes XML reports (java.xml) and loads engines reflectively; keep what jdeps cannot see.
modules="$modules,java.xml,java.logging,jdk.unsupported,java.management"
echo "[bundle] jlink: $modules"
runtime="$(mktemp -d)"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=zip-9 \
  --output "$runtime/java"
tar -C "$runtime" -czf "$bundle/java-runtime.tar.gz" java
rm -rf "$runtime"

echo "[bundle] $(du -sh "$bundle" | cut -f1) in $bundle:"
(cd "$bundle" && du -ab . | sort -k2 | awk '$2 != "." {printf "  %8.1f MiB  %s\n", $1 / 1048576, $2}')
total=$(du -sb "$bundle" | cut -f1)
if [ "$total" -gt $((48 * 1024 * 1024)) ]; then
  echo "[bundle] error: $((total / 1048576)) MiB leaves too little of the 64 MiB per device call for the working tree" >&2
  exit 1
fi
