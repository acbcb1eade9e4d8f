"""RRR and rrr-ensemble fixtures, from the published formulas with PyTorch float64 and double
backprop (Ross et al. 2017):

  S_n = sum_k log p_nk,  G_n = dS_n/dx_n,
  P_e = (1/W_e) sum_n w_n sum_d (A_nd G_nd)^2,   J_e = L_e + lambda * P_e,
  update = sum_e (W_e / W) dJ_e/dtheta (environments pooled as ERM),
  reported penalty = sum_e W_e P_e / W (environments without a mask add 0),
  find-another-explanation: a finished member's marks 1[|G_nd| > cutoff * max_d |G_nd|] per
  example, and the member in training uses A' = max(A, marks) on every environment.

Fixtures rrr-mlp, rrr-cnn, rrr-ensemble-mlp and rrr-ensemble-cnn (one step each; an environment
with a mask, a weighted one with a mask, a plain one).
"""

import torch

from reference_format import Expected, Fixture, Step, cnn, mlp
from reference_models import inputs, logits, losses, parameters, weighted_cross_entropy, environment

MODULE = "reference_rrr.py"
SEED = 2017
LAMBDA = 0.7
CUTOFF = 0.67


def input_gradient(params, x, model, create_graph):
    x = x.clone().requires_grad_(True)
    s = torch.log_softmax(logits(params, x, model), dim=1).sum()
    (g,) = torch.autograd.grad(s, x, create_graph=create_graph)
    return g


def rrr_expected(model, params, envs, annotations, prefix):
    """Per-environment gradients of J_e, their pooled sum and the pooled penalty."""
    leaves = {k: v.clone().requires_grad_(True) for k, v in params.items()}
    gradients, weighted_penalty, total_weight = [], 0.0, 0.0
    for env, a in zip(envs, annotations):
        objective = weighted_cross_entropy(logits(leaves, env.features, model), env.labels, env.weights)
        if a is not None:
            g = input_gradient(leaves, env.features, model, create_graph=True)
            w = torch.ones(env.rows) if env.weights is None else env.weights
            penalty = (w * ((a * g) ** 2).sum(dim=1)).sum() / w.sum()
            objective = objective + LAMBDA * penalty
            weighted_penalty += env.weight_sum() * float(penalty)
        total_weight += env.weight_sum()
        grads = torch.autograd.grad(objective, list(leaves.values()))
        gradients.append(dict(zip(leaves.keys(), grads)))
    update = {k: sum(env.weight_sum() / total_weight * g[k] for env, g in zip(envs, gradients)) for k in params}
    penalties = {prefix + ".penalty": weighted_penalty / total_weight}
    return update, gradients, penalties


def marks(params, x, model):
    g = input_gradient(params, x, model, create_graph=False).abs()
    return (g > CUTOFF * g.max(dim=1, keepdim=True).values).double()


def rrr_fixture(name, model, params, envs):
    update, gradients, penalties = rrr_expected(model, params, envs, [e.annotations for e in envs], "rrr")
    expected = Expected(update, losses(params, envs, model), penalties, environment_gradients=gradients)
    return Fixture(name, "rrr", f"RRR on a {model['type']}: penalty gradients by double backprop, weighted and"
                   " unannotated environments", MODULE, SEED, {"lambda": LAMBDA}, model,
                   [Step(0, params, envs, expected)])


def ensemble_fixture(name, model, finished, params, envs):
    """Member 1 in training; member 0 finished with parameters ``finished``."""
    annotations = []
    for env in envs:
        m = marks(finished, env.features, model)
        annotations.append(m if env.annotations is None else torch.maximum(env.annotations, m))
    update, gradients, penalties = rrr_expected(model, params, envs, annotations, "rrr-ensemble")
    entries = sum(env.rows for env in envs) * inputs(model)
    penalties["rrr-ensemble.member"] = 1.0
    penalties["rrr-ensemble.annotated"] = float(sum((a ** 2).sum() for a in annotations)) / entries
    member = {"member0/" + k: v for k, v in finished.items()}
    initial = {"kind": "rrr-ensemble",
               "values": {"seed": "1", "finishedMembers": "1", "updatesInMember": "0", "resetPending": "false"},
               "tensors": [{"name": k, "shape": list(v.shape), "data": [float(x) for x in v.flatten()]}
                           for k, v in member.items()]}
    expected = Expected(update, losses(params, envs, model), penalties, state=member,
                        environment_gradients=gradients, annotations=annotations)
    return Fixture(name, "rrr-ensemble", f"find another explanation on a {model['type']}: member 1 trains as RRR"
                   " with the batch's mask united with finished member 0's largest-gradient marks",
                   MODULE, SEED, {"lambda": LAMBDA, "members": 3, "updatesPerMember": 15000, "cutoff": CUTOFF}, model,
                   [Step(0, params, envs, expected)], initial_state=initial)


def environments(generator, model):
    cols, classes = inputs(model), model["classes"]
    return [
        environment(generator, "annotated", 5, cols, classes, masked=True),
        environment(generator, "weighted", 4, cols, classes, weighted=True, masked=True),
        environment(generator, "plain", 3, cols, classes),
    ]


def fixtures():
    generator = torch.Generator().manual_seed(SEED)
    models = {"mlp": mlp(5, [6, 4], 3), "cnn": cnn(1, 8, 4, [2, 2], 3)}
    cases = {}
    for kind, model in models.items():
        params = parameters(generator, model)
        cases[kind] = (model, params, environments(generator, model))
    out = [rrr_fixture("rrr-" + kind, *case) for kind, case in cases.items()]
    for kind, (model, finished, envs) in cases.items():
        out.append(ensemble_fixture("rrr-ensemble-" + kind, model, finished, parameters(generator, model), envs))
    return out
