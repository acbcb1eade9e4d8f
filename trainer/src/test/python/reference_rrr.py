"""Conformance fixture for RRR and rrr-ensemble's masks, from the published formulas with
PyTorch float64 and double backprop (Ross et al. 2017):

  S_n = sum_k log p_nk,  G_n = dS_n/dx_n,
  P_e = (1/W_e) sum_n w_n sum_d (A_nd G_nd)^2,   J_e = L_e + lambda * P_e,
  reported penalty = sum_e W_e P_e / sum_e W_e (environments without a mask add 0),
  find-another-explanation marks: 1[|G_nd| > 0.67 max_d |G_nd|] per example.

Writes ../resources/reference/rrr.json. Run from this directory with Debian's python3-torch:
  /usr/bin/python3 reference_rrr.py
"""

import torch

from rrr_fish_models import (cnn_parameters, dense_parameters, environment, environment_json,
                             flat, logits, tensors_json, weighted_cross_entropy, write)

LAMBDA = 0.7
CUTOFF = 0.67


def input_gradient(params, x, spec, create_graph):
    x = x.clone().requires_grad_(True)
    s = torch.log_softmax(logits(params, x, spec), dim=1).sum()
    (g,) = torch.autograd.grad(s, x, create_graph=create_graph)
    return g


def case(name, spec, params, envs):
    leaves = {k: v.clone().requires_grad_(True) for k, v in params.items()}
    gradients = []
    weighted_penalty = 0.0
    total_weight = 0.0
    for env in envs:
        z = logits(leaves, env["features"], spec)
        objective = weighted_cross_entropy(z, env["labels"], env["weights"])
        weight = float(env["rows"] if env["weights"] is None else env["weights"].sum())
        if env["mask"] is not None:
            g = input_gradient(leaves, env["features"], spec, create_graph=True)
            per_example = ((env["mask"] * g) ** 2).sum(dim=1)
            w = torch.ones(env["rows"]) if env["weights"] is None else env["weights"]
            penalty = (w * per_example).sum() / w.sum()
            objective = objective + LAMBDA * penalty
            weighted_penalty += weight * float(penalty)
        total_weight += weight
        grads = torch.autograd.grad(objective, list(leaves.values()))
        gradients.append({k: flat(v) for k, v in zip(leaves.keys(), grads)})
    g = input_gradient(params, envs[0]["features"], spec, create_graph=False).abs()
    marks = (g > CUTOFF * g.max(dim=1, keepdim=True).values).double()
    return {
        "name": name,
        "model": spec,
        "lambda": LAMBDA,
        "cutoff": CUTOFF,
        "parameters": tensors_json(params),
        "environments": [environment_json(e) for e in envs],
        "expected": {
            "penalty": weighted_penalty / total_weight,
            "environmentGradients": gradients,
            "largestGradientMarks": flat(marks),
        },
    }


def environments(generator, cols, classes):
    return [
        environment(generator, "annotated", 5, cols, classes, masked=True),
        environment(generator, "weighted", 4, cols, classes, weighted=True, masked=True),
        environment(generator, "plain", 3, cols, classes),
    ]


def main():
    generator = torch.Generator().manual_seed(2017)
    mlp = {"kind": "mlp", "inputs": 5, "hidden": [6, 4], "classes": 3}
    cnn = {"kind": "cnn", "channels": 1, "height": 8, "width": 4, "filters1": 2, "filters2": 2, "classes": 3}
    cases = [
        case("mlp", mlp, dense_parameters(generator, [5, 6, 4, 3]), environments(generator, 5, 3)),
        case("cnn", cnn, cnn_parameters(generator, 1, 8, 4, 2, 2, 3), environments(generator, 32, 3)),
    ]
    write("../resources/reference/rrr.json", {
        "algorithm": "rrr",
        "generator": "trainer/src/test/python/reference_rrr.py",
        "cases": cases,
    })


if __name__ == "__main__":
    main()
