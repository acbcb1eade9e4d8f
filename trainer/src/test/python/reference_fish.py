"""Conformance fixture for Fish (Shi et al. 2021) as DomainBed runs it, in PyTorch float64:
a clone walks through the environments in order with one torch.optim.Adam step each (coupled
weight decay), the inner Adam state persisting across updates; then
theta <- theta + meta_lr * (theta_inner - theta). Two updates, so the persistent state matters.

Writes ../resources/reference/fish.json. Run from this directory with Debian's python3-torch:
  /usr/bin/python3 reference_fish.py
"""

import torch

from rrr_fish_models import (dense_parameters, dense_logits, environment, environment_json, flat,
                             tensors_json, weighted_cross_entropy, write)

ADAM = {"learningRate": 0.01, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8, "weightDecay": 0.001}
META_LR = 0.5


def main():
    generator = torch.Generator().manual_seed(2021)
    theta = dense_parameters(generator, [4, 6, 3])
    initial = {k: v.clone() for k, v in theta.items()}
    inner = {k: v.clone().requires_grad_(True) for k, v in theta.items()}
    optimizer = torch.optim.Adam(
        list(inner.values()), lr=ADAM["learningRate"], betas=(ADAM["beta1"], ADAM["beta2"]),
        eps=ADAM["epsilon"], weight_decay=ADAM["weightDecay"])
    updates = []
    for step in range(2):
        envs = [
            environment(generator, "e0", 5, 4, 3),
            environment(generator, "e1", 4, 4, 3, weighted=True),
            environment(generator, "e2", 7, 4, 3),
        ]
        with torch.no_grad():
            for k in inner:
                inner[k].copy_(theta[k])
        for env in envs:
            optimizer.zero_grad()
            loss = weighted_cross_entropy(dense_logits(inner, env["features"]), env["labels"], env["weights"])
            loss.backward()
            optimizer.step()
        with torch.no_grad():
            theta = {k: theta[k] + META_LR * (inner[k].detach() - theta[k]) for k in theta}
        updates.append({
            "environments": [environment_json(e) for e in envs],
            "parameters": {k: flat(v) for k, v in theta.items()},
        })
    write("../resources/reference/fish.json", {
        "algorithm": "fish",
        "generator": "trainer/src/test/python/reference_fish.py",
        "model": {"kind": "mlp", "inputs": 4, "hidden": [6], "classes": 3},
        "adam": ADAM,
        "metaLearningRate": META_LR,
        "parameters": tensors_json(initial),
        "updates": updates,
    })


if __name__ == "__main__":
    main()
