"""AND-mask's geom_mean variant (Parascandolo et al. 2021), PyTorch float64: per parameter tensor,
with g_e = dL_e/dtheta,

  m = 1[|mean_e sign(g_e)| >= tau],
  update = m * sign(mean_e g_e) * exp(mean_e log(|g_e| + 1e-10)) / (1e-10 + mean(m)).

Fixtures andmask-geom-mean (tau = 1) and andmask-geom-mean-relaxed (tau = 2/3), same model and batch.
"""

import torch

from reference_format import Expected, Fixture, Step, mlp
from reference_models import environment, logits, losses, parameters, weighted_cross_entropy

MODULE = "reference_andmask_geom_mean.py"
SEED = 2020


def fixtures():
    generator = torch.Generator().manual_seed(SEED)
    model = mlp(4, [6], 3)
    params = parameters(generator, model)
    envs = [
        environment(generator, "e0", 5, 4, 3),
        environment(generator, "e1", 4, 4, 3, weighted=True),
        environment(generator, "e2", 7, 4, 3),
    ]
    leaves = {k: v.clone().requires_grad_(True) for k, v in params.items()}
    grads = []
    for env in envs:
        loss = weighted_cross_entropy(logits(leaves, env.features, model), env.labels, env.weights)
        grads.append(torch.autograd.grad(loss, list(leaves.values())))
    out = []
    for name, tau in (("andmask-geom-mean", 1.0), ("andmask-geom-mean-relaxed", 2.0 / 3.0)):
        update = {}
        for i, key in enumerate(leaves):
            stacked = torch.stack([g[i] for g in grads])
            mask = (torch.sign(stacked).mean(dim=0).abs() >= tau).double()
            geometric = torch.sign(stacked.mean(dim=0)) * torch.exp(torch.log(stacked.abs() + 1e-10).mean(dim=0))
            update[key] = mask * geometric / (1e-10 + mask.mean())
        expected = Expected(update, losses(params, envs, model))
        out.append(Fixture(name, "andmask", f"AND-mask, geometric mean of the kept entries, tau = {tau:.4g}",
                           MODULE, SEED, {"tau": tau, "method": "geom_mean"}, model, [Step(0, params, envs, expected)]))
    return out
