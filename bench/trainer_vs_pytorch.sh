#!/usr/bin/env bash
# Times one training step of the trainer (`./invstream bench trainer`) and of PyTorch
# (bench/pytorch_step.py) back to back, alternating which goes first, for several rounds on the
# same shape (MLP 784-256-10, Adam, 3 environments x 64), and prints per-round and median figures.
#
#   bench/trainer_vs_pytorch.sh [ROUNDS] [OUT_DIR]      # default 5 rounds, OUT_DIR a fresh temp dir
#
# Each round writes ours-<i>.json, pytorch-<i>.json (the JSON lines) and load-<i>.txt (uptime before
# and after). Ours runs with OPENBLAS_CORETYPE=SKYLAKEX where the CPU has AVX-512 (the OpenBLAS
# bundled with ND4J does not recognise recent AVX-512 CPUs); PyTorch uses Debian's OpenBLAS as
# installed (it picks its kernels itself). Fishr's penalty is active on every step on both sides
# (--hp fishr.penaltyAnnealIters=0: the trainer skips the penalty gradient while its weight is 0).
# PyTorch runs with OMP_WAIT_POLICY=PASSIVE unless TORCH_ENV says otherwise (TORCH_ENV= for
# OpenMP's default spinning, which on a loaded 2-core machine makes its steps 10-50 times slower:
# see bench/pytorch_step.py).
# On a shared machine set MAX_LOAD (e.g. MAX_LOAD=4) to wait, at most WAIT_S seconds (default 600),
# before each round until the 1-minute load average is below it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-5}"
out="${2:-$(mktemp -d)}"
mkdir -p "$out"
algorithms=erm,andmask,irm,vrex,fishr
coretype=()
if grep -qw avx512f /proc/cpuinfo; then coretype=(OPENBLAS_CORETYPE=SKYLAKEX); fi

ours() {
  env "${coretype[@]}" "$root/invstream" bench trainer --algorithms "$algorithms" \
    --hp fishr.penaltyAnnealIters=0 --json 2>/dev/null | tail -n 1 > "$out/ours-$1.json"
}
pytorch() {
  # shellcheck disable=SC2086
  env -u OPENBLAS_CORETYPE ${TORCH_ENV-OMP_WAIT_POLICY=PASSIVE} /usr/bin/python3 -B "$root/bench/pytorch_step.py" --algorithms "$algorithms" \
    --threads 2 --json | tail -n 1 > "$out/pytorch-$1.json"
}

"$root/invstream" --version > /dev/null  # builds the jar first if needed, outside the timing
load1() { awk '{print $1}' /proc/loadavg; }
quiet() {
  local waited=0
  while [ -n "${MAX_LOAD:-}" ] && awk -v l="$(load1)" -v m="$MAX_LOAD" 'BEGIN {exit !(l >= m)}' \
      && (( waited < ${WAIT_S:-600} )); do
    sleep 10; waited=$((waited + 10))
  done
}
for i in $(seq 1 "$rounds"); do
  quiet
  uptime > "$out/load-$i.txt"
  if (( i % 2 )); then ours "$i"; pytorch "$i"; else pytorch "$i"; ours "$i"; fi
  uptime >> "$out/load-$i.txt"
  echo "round $i done: $(tail -n 1 "$out/load-$i.txt")" >&2
done

/usr/bin/python3 - "$out" "$rounds" <<'EOF'
import json, re, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
rows = []
for i in range(1, rounds + 1):
    ours = json.load(open(f"{out}/ours-{i}.json"))
    torch = json.load(open(f"{out}/pytorch-{i}.json"))
    loads = [float(m) for m in re.findall(r"load average: ([0-9.]+)", open(f"{out}/load-{i}.txt").read())]
    rows.append((i, loads, ours, torch))
names = list(rows[0][2]["algorithms"])
print(f"results in {out}; peak estimate {rows[0][2]['peakGflops']} GFLOP/s; backend {rows[0][2]['backend']}")
print("round  load(1 min) before/after  " + "  ".join(f"{n}: ours ms / torch ms / speed-up / ours xERM / torch xERM / GFLOP/s"
                                                   for n in names[:1]) + "  (same columns for the others)")
for i, loads, ours, torch in rows:
    cells = []
    for n in names:
        o, t = ours["algorithms"][n], torch["algorithms"][n]
        cells.append(f"{n} {o['msPerStep']:.2f}/{t['msPerStep']:.2f}/{t['msPerStep'] / o['msPerStep']:.2f}x/"
                     f"{o['ratioToErm']:.2f}/{t['ratioToErm']:.2f}/{o['gflops']:.0f}")
    print(f"{i:>5}  {loads[0]:.2f}/{loads[-1]:.2f}  " + "  ".join(cells))
print("median over rounds:")
for n in names:
    med = lambda f: statistics.median(f(r) for r in rows)
    print(f"  {n:<8} ours {med(lambda r: r[2]['algorithms'][n]['msPerStep']):7.3f} ms "
          f"(x ERM {med(lambda r: r[2]['algorithms'][n]['ratioToErm']):.2f}, "
          f"{med(lambda r: r[2]['algorithms'][n]['gflops']):.1f} GFLOP/s, "
          f"{100 * med(lambda r: r[2]['algorithms'][n]['fractionOfPeak']):.1f} % of peak)  "
          f"torch {med(lambda r: r[3]['algorithms'][n]['msPerStep']):7.3f} ms "
          f"(x ERM {med(lambda r: r[3]['algorithms'][n]['ratioToErm']):.2f})  "
          f"speed-up {med(lambda r: r[3]['algorithms'][n]['msPerStep'] / r[2]['algorithms'][n]['msPerStep']):.2f}x")
EOF
