"""Conformance fixture for AND-mask's geom_mean variant (Parascandolo et al. 2021), PyTorch
float64: per parameter tensor, with g_e = dL_e/dtheta,

  m = 1[|mean_e sign(g_e)| >= tau],
  update = m * sign(mean_e g_e) * exp(mean_e log(|g_e| + 1e-10)) / (1e-10 + mean(m)).

Writes ../resources/reference/andmask_geom_mean.json. Run from this directory:
  /usr/bin/python3 reference_andmask_geom_mean.py
"""

import torch

from rrr_fish_models import (dense_parameters, dense_logits, environment, environment_json, flat,
                             tensors_json, weighted_cross_entropy, write)


def main():
    generator = torch.Generator().manual_seed(2020)
    params = dense_parameters(generator, [4, 6, 3])
    envs = [
        environment(generator, "e0", 5, 4, 3),
        environment(generator, "e1", 4, 4, 3, weighted=True),
        environment(generator, "e2", 7, 4, 3),
    ]
    leaves = {k: v.clone().requires_grad_(True) for k, v in params.items()}
    grads = []
    for env in envs:
        loss = weighted_cross_entropy(dense_logits(leaves, env["features"]), env["labels"], env["weights"])
        grads.append(torch.autograd.grad(loss, list(leaves.values())))
    cases = []
    for tau in (1.0, 2.0 / 3.0):
        update = {}
        for i, name in enumerate(leaves):
            stacked = torch.stack([g[i] for g in grads])
            mask = (torch.sign(stacked).mean(dim=0).abs() >= tau).double()
            geometric = torch.sign(stacked.mean(dim=0)) * torch.exp(torch.log(stacked.abs() + 1e-10).mean(dim=0))
            update[name] = flat(mask * geometric / (1e-10 + mask.mean()))
        cases.append({"tau": tau, "update": update})
    write("../resources/reference/andmask_geom_mean.json", {
        "algorithm": "andmask",
        "method": "geom_mean",
        "generator": "trainer/src/test/python/reference_andmask_geom_mean.py",
        "model": {"kind": "mlp", "inputs": 4, "hidden": [6], "classes": 3},
        "parameters": tensors_json(params),
        "environments": [environment_json(e) for e in envs],
        "cases": cases,
    })


if __name__ == "__main__":
    main()
