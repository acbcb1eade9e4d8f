#!/usr/bin/env python3
"""PyTorch timings of one training step per algorithm, the counterpart of `./invstream bench trainer`.

Same shape and protocol as the trainer's benchmark (io.invstream.trainer.bench.TrainerBenchmark):
an MLP inputs -> hidden (ReLU) -> classes, Adam (lr 1e-3), E environments x n examples of seeded
synthetic data (features uniform in [0, 1), uniform labels) from a pool of 8 batches; each
algorithm has its own model (same initialisation) and optimiser; all warm up, then the timed
steps run in interleaved rounds and the figure per algorithm is the median round. float32.

The algorithms are DomainBed's `update` methods (domainbed/algorithms.py), written out here so
that nothing but torch is needed:

- erm: cross-entropy of the pooled batch, backward, Adam step.
- andmask: one forward pass per environment and `autograd.grad` of its loss, then `mask_grads`
  (tau = 1): per tensor, the mean gradient where all environments agree in sign, divided by the
  kept fraction.
- irm: pooled forward, per environment the even/odd dummy-scale penalty by `autograd.grad(...,
  create_graph=True)`, `nll + lambda * penalty` (lambda = 100), double backprop.
- vrex: pooled forward, per-environment losses, `mean + lambda * variance` (lambda = 10).
- fishr: pooled forward; per-example gradients of the classifier layer without BackPACK, in closed
  form and differentiable (`(p - y)_n (x) h_n` for the weight, `(p - y)_n` for the bias: exactly
  what BackPACK's BatchGrad gives for a linear layer under summed cross-entropy); per-environment
  variances, DomainBed's moving average (ema 0.95, 1/(1 - ema) correction), the distance to their
  mean, `nll + lambda * penalty` (lambda = 1000), backward.

The penalties are computed at their full weight on every step (DomainBed computes them during the
anneal too, so the cost is the same); compare with `./invstream bench trainer --hp
fishr.penaltyAnnealIters=0`, since the trainer skips Fishr's penalty gradient while its weight is 0.

Usage (Debian's python3-torch, which uses the system OpenBLAS; nothing else needed):

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 bench/pytorch_step.py --json     # 2 threads, 100 + 400 steps
    /usr/bin/python3 bench/pytorch_step.py --algorithms erm,andmask --threads 1

Threads: torch's intra-op pool (OpenMP) and OpenBLAS's pool (pthreads) are separate; both get
--threads. With OpenMP's default wait policy its idle workers spin, and on 2 cores they take the
cores OpenBLAS's threads need: on a loaded machine a step then takes 10-50 times longer (measured
68-175 ms for ERM against 3.3-3.7 ms). OMP_WAIT_POLICY=PASSIVE (or --threads 1, leaving
OPENBLAS_NUM_THREADS=2) avoids that; the JSON records these variables.

The last line with --json is one object: {"benchmark": "pytorch-step", "torch": ..., "threads":
..., "blas": ..., "algorithms": {"erm": {"msPerStep": ..., "ratioToErm": ..., "roundsMs": [...]},
...}}.
"""

import argparse
import json
import os
import statistics
import sys
import time


def arguments():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--algorithms", default="erm,andmask,irm,vrex,fishr",
                   help="comma-separated, ERM is always timed first (default: %(default)s)")
    p.add_argument("--threads", type=int, default=2, help="torch and OpenBLAS threads (default: %(default)s)")
    p.add_argument("--inputs", type=int, default=784)
    p.add_argument("--hidden", type=int, default=256)
    p.add_argument("--classes", type=int, default=10)
    p.add_argument("--environments", type=int, default=3)
    p.add_argument("--examples", type=int, default=64, help="per environment (default: %(default)s)")
    p.add_argument("--warmup", type=int, default=100, help="untimed steps per algorithm (default: %(default)s)")
    p.add_argument("--iterations", type=int, default=400, help="timed steps per algorithm (default: %(default)s)")
    p.add_argument("--rounds", type=int, default=10, help="interleaved rounds (default: %(default)s)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--json", action="store_true", help="also print one JSON object as the last line")
    return p.parse_args()


ARGS = arguments()
# OpenBLAS reads its thread count when it is loaded, before torch.set_num_threads can say anything.
os.environ.setdefault("OPENBLAS_NUM_THREADS", str(ARGS.threads))
os.environ.setdefault("OMP_NUM_THREADS", str(ARGS.threads))

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch import autograd  # noqa: E402

BATCH_POOL = 8
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OMP_WAIT_POLICY", "OPENBLAS_NUM_THREADS", "OPENBLAS_CORETYPE")


class Algorithm:
    """A model (featurizer: Linear + ReLU; classifier: Linear), Adam, and one DomainBed update."""

    def __init__(self, seed):
        torch.manual_seed(seed)
        self.featurizer = nn.Sequential(nn.Linear(ARGS.inputs, ARGS.hidden), nn.ReLU())
        self.classifier = nn.Linear(ARGS.hidden, ARGS.classes)
        self.network = nn.Sequential(self.featurizer, self.classifier)
        self.optimizer = torch.optim.Adam(self.network.parameters(), lr=1e-3)

    def step_with(self, loss):
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return loss.item()


class Erm(Algorithm):
    def update(self, minibatches):
        all_x = torch.cat([x for x, _ in minibatches])
        all_y = torch.cat([y for _, y in minibatches])
        return self.step_with(F.cross_entropy(self.network(all_x), all_y))


class AndMask(Algorithm):
    tau = 1.0

    def update(self, minibatches):
        mean_loss = 0
        param_gradients = [[] for _ in self.network.parameters()]
        for x, y in minibatches:
            env_loss = F.cross_entropy(self.network(x), y)
            mean_loss += env_loss.item() / len(minibatches)
            for grads, env_grad in zip(param_gradients, autograd.grad(env_loss, self.network.parameters())):
                grads.append(env_grad)
        self.optimizer.zero_grad()
        for param, grads in zip(self.network.parameters(), param_gradients):
            grads = torch.stack(grads, dim=0)
            mask = (torch.mean(torch.sign(grads), dim=0).abs() >= self.tau).to(torch.float32)
            param.grad = mask * torch.mean(grads, dim=0)
            param.grad *= 1.0 / (1e-10 + mask.sum() / mask.numel())
        self.optimizer.step()
        return mean_loss


def irm_penalty(logits, y):
    scale = torch.tensor(1.0).requires_grad_()
    grad_1 = autograd.grad(F.cross_entropy(logits[::2] * scale, y[::2]), [scale], create_graph=True)[0]
    grad_2 = autograd.grad(F.cross_entropy(logits[1::2] * scale, y[1::2]), [scale], create_graph=True)[0]
    return torch.sum(grad_1 * grad_2)


class Irm(Algorithm):
    penalty_weight = 100.0

    def update(self, minibatches):
        all_logits = self.network(torch.cat([x for x, _ in minibatches]))
        nll, penalty, start = 0.0, 0.0, 0
        for x, y in minibatches:
            logits = all_logits[start:start + x.shape[0]]
            start += x.shape[0]
            nll += F.cross_entropy(logits, y)
            penalty += irm_penalty(logits, y)
        n = len(minibatches)
        return self.step_with(nll / n + self.penalty_weight * penalty / n)


class VRex(Algorithm):
    penalty_weight = 10.0

    def update(self, minibatches):
        all_logits = self.network(torch.cat([x for x, _ in minibatches]))
        losses, start = [], 0
        for x, y in minibatches:
            losses.append(F.cross_entropy(all_logits[start:start + x.shape[0]], y))
            start += x.shape[0]
        losses = torch.stack(losses)
        mean = losses.mean()
        return self.step_with(mean + self.penalty_weight * ((losses - mean) ** 2).mean())


class Fishr(Algorithm):
    penalty_weight = 1000.0
    ema = 0.95

    def __init__(self, seed):
        super().__init__(seed)
        self.averages = {}

    def update(self, minibatches):
        all_x = torch.cat([x for x, _ in minibatches])
        all_y = torch.cat([y for _, y in minibatches])
        all_z = self.featurizer(all_x)
        all_logits = self.classifier(all_z)
        # Per-example gradients of the summed cross-entropy w.r.t. the classifier, kept in the graph.
        error = torch.softmax(all_logits, dim=1) - F.one_hot(all_y, ARGS.classes).to(all_logits.dtype)
        grads = torch.cat([torch.einsum("nk,nd->nkd", error, all_z).flatten(1), error], dim=1)
        variances, start = [], 0
        for i, (x, _) in enumerate(minibatches):
            env = grads[start:start + x.shape[0]]
            start += x.shape[0]
            variance = ((env - env.mean(dim=0, keepdim=True)) ** 2).mean(dim=0)
            average = self.ema * self.averages.get(i, torch.zeros_like(variance)) + (1 - self.ema) * variance
            self.averages[i] = average.clone().detach()
            variances.append(average / (1 - self.ema))
        mean = torch.stack(variances).mean(dim=0)
        penalty = sum(((v - mean) ** 2).mean() for v in variances) / len(variances)
        return self.step_with(F.cross_entropy(all_logits, all_y) + self.penalty_weight * penalty)


ALGORITHMS = {"erm": Erm, "andmask": AndMask, "irm": Irm, "vrex": VRex, "fishr": Fishr}


def batches(seed):
    generator = torch.Generator().manual_seed(seed)
    pool = []
    for _ in range(BATCH_POOL):
        pool.append([(torch.rand((ARGS.examples, ARGS.inputs), generator=generator),
                      torch.randint(0, ARGS.classes, (ARGS.examples,), generator=generator))
                     for _ in range(ARGS.environments)])
    return pool


def blas():
    """The BLAS library this process loaded and, for OpenBLAS, the kernel set it chose."""
    with open("/proc/self/maps") as maps:
        paths = sorted({line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line})
    out = {"libraries": paths}
    for path in paths:
        if "openblas" in path:
            import ctypes
            lib = ctypes.CDLL(path)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            lib.openblas_get_config.restype = ctypes.c_char_p
            out.update(core=lib.openblas_get_corename().decode(), config=lib.openblas_get_config().decode(),
                       threads=lib.openblas_get_num_threads())
    return out


def main():
    torch.set_num_threads(ARGS.threads)
    names = ["erm"] + [n for n in ARGS.algorithms.split(",") if n and n != "erm"]
    unknown = [n for n in names if n not in ALGORITHMS]
    if unknown:
        sys.exit(f"unknown algorithms {unknown}; known: {sorted(ALGORITHMS)}")
    timed = [(name, ALGORITHMS[name](ARGS.seed), batches(ARGS.seed)) for name in names]
    for _, algorithm, pool in timed:
        for i in range(ARGS.warmup):
            algorithm.update(pool[i % BATCH_POOL])
    per_round = max(1, ARGS.iterations // ARGS.rounds)
    rounds = {name: [] for name in names}
    step = 0
    for _ in range(ARGS.rounds):
        for name, algorithm, pool in timed:
            start = time.perf_counter()
            for i in range(per_round):
                algorithm.update(pool[(step + i) % BATCH_POOL])
            rounds[name].append((time.perf_counter() - start) * 1e3 / per_round)
        step += per_round
    ms = {name: statistics.median(r) for name, r in rounds.items()}
    info = blas()
    print(f"pytorch step: mlp {ARGS.inputs}-{ARGS.hidden}-{ARGS.classes}, adam, {ARGS.environments} environments x "
          f"{ARGS.examples} examples, {ARGS.warmup} warm-up + {per_round * ARGS.rounds} timed steps, seed {ARGS.seed}")
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, BLAS {info.get('core', '?')} "
          f"({', '.join(info['libraries'])}, {info.get('threads', '?')} threads)")
    print("environment: " + ", ".join(f"{k}={os.environ.get(k)}" for k in THREAD_VARIABLES))
    print(f"{'algorithm':<14} {'ms/step':>10} {'x ERM':>10}")
    for name in names:
        print(f"{name:<14} {ms[name]:>10.3f} {ms[name] / ms['erm']:>10.2f}")
    if ARGS.json:
        print(json.dumps({
            "benchmark": "pytorch-step", "torch": torch.__version__, "threads": torch.get_num_threads(), "blas": info,
            "environment": {k: os.environ.get(k) for k in THREAD_VARIABLES},
            "model": f"mlp {ARGS.inputs}-{ARGS.hidden}-{ARGS.classes}", "optimizer": "adam",
            "environments": ARGS.environments, "examplesPerEnvironment": ARGS.examples,
            "warmup": ARGS.warmup, "iterations": per_round * ARGS.rounds, "seed": ARGS.seed,
            "algorithms": {name: {"msPerStep": round(ms[name], 4), "ratioToErm": round(ms[name] / ms["erm"], 4),
                                  "roundsMs": [round(v, 4) for v in rounds[name]]} for name in names},
        }, separators=(",", ":")))


if __name__ == "__main__":
    main()
