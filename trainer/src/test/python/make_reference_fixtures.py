#!/usr/bin/env python3
"""Writes the PyTorch reference fixtures of the trainer's invariant-gradient algorithms.

Each algorithm is written here the way the published code computes it (DomainBed's
``algorithms.py`` and ``lib/misc.py``), in float64 and with autograd, including double backprop
where the published code uses it (IRM's dummy-scale gradient, Fishr's per-example gradients). The
Java side must reproduce the numbers with its own closed forms. The fixture format is described in
``README.md`` next to this script.

Usage (from the repository root; needs only python3 and torch, CPU is enough):

    python3 trainer/src/test/python/make_reference_fixtures.py

which rewrites ``trainer/src/test/resources/reference/*.json``. The output is deterministic for a
given torch version (all randomness comes from the seeds below).
"""

import json
import os
import re
import sys
from typing import NamedTuple

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

FORMAT = "invstream-reference-fixture/1"
SCRIPT = "trainer/src/test/python/make_reference_fixtures.py"
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "reference")

INPUTS, HIDDEN, CLASSES = 5, 4, 3
ENVIRONMENTS, ROWS = 3, 6
ENV_NAMES = ["env0", "env1", "env2"]


# ---- fixed model and batch ------------------------------------------------------------------


def float32_values(generator, shape, scale):
    """Uniform values in [-scale, scale) that float32 represents exactly, as float64."""
    values = (torch.rand(shape, generator=generator, dtype=torch.float32) * 2 - 1) * scale
    return values.to(torch.float64)


def draw_parameters(generator):
    """PyTorch-layout MLP parameters, U(±1/sqrt(fan_in)) as nn.Linear initialises them."""
    return {
        "dense0.weight": float32_values(generator, (HIDDEN, INPUTS), INPUTS ** -0.5),
        "dense0.bias": float32_values(generator, (HIDDEN,), INPUTS ** -0.5),
        "dense1.weight": float32_values(generator, (CLASSES, HIDDEN), HIDDEN ** -0.5),
        "dense1.bias": float32_values(generator, (CLASSES,), HIDDEN ** -0.5),
    }


def draw_batch(generator):
    batch = []
    for name in ENV_NAMES:
        x = torch.randn((ROWS, INPUTS), generator=generator, dtype=torch.float32).to(torch.float64)
        y = torch.randint(0, CLASSES, (ROWS,), generator=generator)
        batch.append((name, x, y))
    return batch


def well_conditioned(params, batch):
    """No pre-activation within 0.02 of the ReLU kink (finite differences must not cross it), and
    every environment has at least two live hidden units (features with a covariance)."""
    for _, x, _ in batch:
        pre = x @ params["dense0.weight"].T + params["dense0.bias"]
        if pre.abs().min() < 0.02:
            return False
        if int(((pre > 0).sum(dim=0) > 1).sum()) < 2:
            return False
    return True


def draw_case(seed):
    """Parameters and a batch from the first seed at or after ``seed`` that is well conditioned."""
    while True:
        generator = torch.Generator().manual_seed(seed)
        params = draw_parameters(generator)
        batch = draw_batch(generator)
        if well_conditioned(params, batch):
            return params, batch
        seed += 1000


def leaves(params):
    return {name: value.clone().requires_grad_(True) for name, value in params.items()}


def featurizer(p, x):
    return torch.relu(x @ p["dense0.weight"].T + p["dense0.bias"])


def classifier(p, h):
    return h @ p["dense1.weight"].T + p["dense1.bias"]


def gradient(objective, p):
    grads = torch.autograd.grad(objective, list(p.values()))
    return dict(zip(p.keys(), grads))


def environment_losses(p, batch):
    return [float(F.cross_entropy(classifier(p, featurizer(p, x)), y)) for _, x, y in batch]


# ---- algorithms, DomainBed style -------------------------------------------------------------


class Outcome(NamedTuple):
    """What one update of an algorithm produced: the gradient handed to the optimiser (or the
    parameter delta), the scalars the Java algorithm reports, and algorithm state after the step
    under the Java state's tensor names."""
    update: dict
    penalties: dict
    state: dict
    kind: str = "GRADIENT"



def erm(p, batch, hp, state, update_count):
    all_x = torch.cat([x for _, x, _ in batch])
    all_y = torch.cat([y for _, _, y in batch])
    loss = F.cross_entropy(classifier(p, featurizer(p, all_x)), all_y)
    return Outcome(gradient(loss, p), {}, {})


def and_mask(p, batch, hp, state, update_count):
    per_env = [gradient(F.cross_entropy(classifier(p, featurizer(p, x)), y), p) for _, x, y in batch]
    update = {}
    for name in p:
        stacked = torch.stack([g[name] for g in per_env])
        for g in stacked.flatten():
            if g != 0 and abs(float(g)) < 1e-6:
                raise ValueError("ambiguous gradient sign in the AND-mask fixture")
        mask = (torch.sign(stacked).mean(dim=0).abs() >= hp["tau"]).to(torch.float64)
        kept = mask.sum() / mask.numel()
        update[name] = mask * stacked.mean(dim=0) / (1e-10 + kept)
    return Outcome(update, {}, {})


def dummy_scale_gradient(logits, y):
    scale = torch.tensor(1.0, requires_grad=True)
    loss = F.cross_entropy(logits * scale, y)
    return torch.autograd.grad(loss, [scale], create_graph=True)[0]


def irm(p, batch, hp, state, update_count):
    weight = hp["lambda"] if update_count >= hp["penaltyAnnealIters"] else 1.0
    nll, penalty = 0.0, 0.0
    for _, x, y in batch:
        logits = classifier(p, featurizer(p, x))
        nll = nll + F.cross_entropy(logits, y)
        if hp["estimator"] == "split":
            penalty = penalty + dummy_scale_gradient(logits[::2], y[::2]) * dummy_scale_gradient(logits[1::2], y[1::2])
        else:
            penalty = penalty + dummy_scale_gradient(logits, y) ** 2
    nll, penalty = nll / len(batch), penalty / len(batch)
    loss = nll + weight * penalty
    return Outcome(gradient(loss, p), {"irm.penalty": float(penalty), "irm.weight": weight}, {})


def vrex(p, batch, hp, state, update_count):
    weight = hp["lambda"] if update_count >= hp["penaltyAnnealIters"] else 1.0
    losses = torch.stack([F.cross_entropy(classifier(p, featurizer(p, x)), y) for _, x, y in batch])
    mean = losses.mean()
    penalty = ((losses - mean) ** 2).mean()
    loss = mean + weight * penalty
    return Outcome(gradient(loss, p), {"vrex.variance": float(penalty), "vrex.weight": weight}, {})


def per_example_classifier_gradients(p, h, y):
    """Gradients of each example's (summed) cross-entropy w.r.t. the classifier layer, kept in the
    graph (create_graph) so that a penalty on them can be differentiated again, as BackPACK's
    BatchGrad does for DomainBed's Fishr."""
    rows = []
    for n in range(h.shape[0]):
        loss = F.cross_entropy(classifier(p, h[n:n + 1]), y[n:n + 1], reduction="sum")
        g_weight, g_bias = torch.autograd.grad(loss, [p["dense1.weight"], p["dense1.bias"]], create_graph=True)
        rows.append(torch.cat([g_weight.flatten(), g_bias]))
    return torch.stack(rows)


def fishr(p, batch, hp, state, update_count):
    weight = hp["lambda"] if update_count >= hp["penaltyAnnealIters"] else 0.0
    ema = hp["ema"]
    all_x = torch.cat([x for _, x, _ in batch])
    all_y = torch.cat([y for _, _, y in batch])
    all_h = featurizer(p, all_x)
    nll = F.cross_entropy(classifier(p, all_h), all_y)
    grads = per_example_classifier_gradients(p, all_h, all_y)
    used, committed, start = [], {}, 0
    for name, x, _ in batch:
        env = grads[start:start + x.shape[0]]
        start += x.shape[0]
        variance = ((env - env.mean(dim=0, keepdim=True)) ** 2).mean(dim=0)
        previous = state.get(name, torch.zeros_like(variance))
        average = ema * previous + (1 - ema) * variance
        used.append(average / (1 - ema))  # DomainBed's MovingAverage(oneminusema_correction=True)
        committed[name] = average.detach()
    mean = torch.stack(used).mean(dim=0)
    penalty = sum(((u - mean) ** 2).mean() for u in used) / len(used)
    loss = nll + weight * penalty
    state.update(committed)
    expected_state = {"ema/" + name: value for name, value in committed.items()}
    return Outcome(gradient(loss, p), {"fishr.distance": float(penalty), "fishr.weight": weight}, expected_state)


def mean_covariance_distance(a, b):
    mean_a, mean_b = a.mean(0, keepdim=True), b.mean(0, keepdim=True)
    cov_a = (a - mean_a).T @ (a - mean_a) / (len(a) - 1)
    cov_b = (b - mean_b).T @ (b - mean_b) / (len(b) - 1)
    return (mean_a - mean_b).pow(2).mean() + (cov_a - cov_b).pow(2).mean()


def coral(p, batch, hp, state, update_count):
    features = [featurizer(p, x) for _, x, _ in batch]
    nll, penalty = 0.0, 0.0
    for i, (_, _, y) in enumerate(batch):
        nll = nll + F.cross_entropy(classifier(p, features[i]), y)
        for j in range(i + 1, len(batch)):
            penalty = penalty + mean_covariance_distance(features[i], features[j])
    nll = nll / len(batch)
    penalty = penalty / (len(batch) * (len(batch) - 1) / 2)
    loss = nll + hp["gamma"] * penalty
    return Outcome(gradient(loss, p), {"coral.penalty": float(penalty)}, {})


DANN_WIDTH = 6


def draw_discriminator(seed):
    generator = torch.Generator().manual_seed(seed)
    widths = [HIDDEN, DANN_WIDTH, DANN_WIDTH, ENVIRONMENTS]
    head = {}
    for layer in range(len(widths) - 1):
        bound = widths[layer] ** -0.5
        head[f"dense{layer}.weight"] = float32_values(generator, (widths[layer + 1], widths[layer]), bound)
        head[f"dense{layer}.bias"] = float32_values(generator, (widths[layer + 1],), bound)
    return head


def discriminator(head, h):
    for layer in range(3):
        h = h @ head[f"dense{layer}.weight"].T + head[f"dense{layer}.bias"]
        if layer < 2:
            h = torch.relu(h)
    return h


def dann(p, batch, hp, state, update_count):
    head, optimizer = state["head"], state["optimizer"]
    all_x = torch.cat([x for _, x, _ in batch])
    all_y = torch.cat([y for _, _, y in batch])
    domains = torch.cat([torch.full((x.shape[0],), i, dtype=torch.int64) for i, (_, x, _) in enumerate(batch)])
    counter = update_count + 1  # DomainBed increments update_count before choosing the step
    steps = hp["dStepsPerGStep"]
    all_z = featurizer(p, all_x)
    if counter % (1 + steps) < steps:
        # Discriminator update: only the discriminator's Adam steps (the features are constants).
        disc_loss = F.cross_entropy(discriminator(head, all_z.detach()), domains)
        optimizer.zero_grad()
        disc_loss.backward()
        optimizer.step()
        expected_state = {}
        for name, value in head.items():
            expected_state["head/" + name] = value.detach().clone()
            expected_state["optimizer/m/" + name] = optimizer.state[value]["exp_avg"].clone()
            expected_state["optimizer/v/" + name] = optimizer.state[value]["exp_avg_sq"].clone()
        update = {name: torch.zeros_like(value) for name, value in p.items()}
        reports = {"dann.discriminatorLoss": float(disc_loss), "dann.discriminatorStep": 1.0}
        return Outcome(update, reports, expected_state, "PARAMETER_DELTA")
    # Generator update: classifier loss minus lambda times the discriminator loss, w.r.t. the model.
    disc_loss = F.cross_entropy(discriminator(head, all_z), domains)
    gen_loss = F.cross_entropy(classifier(p, all_z), all_y) + hp["lambda"] * -disc_loss
    reports = {"dann.discriminatorLoss": float(disc_loss), "dann.discriminatorStep": 0.0}
    return Outcome(gradient(gen_loss, p), reports, {})


def dann_initial_state(hp):
    head = leaves(draw_discriminator(4242))
    optimizer = torch.optim.Adam(list(head.values()), lr=hp["lrD"], betas=(hp["beta1"], 0.9),
                                 eps=1e-8, weight_decay=hp["weightDecayD"])
    saved = {
        "kind": "dann",
        "values": {
            "featureSize": str(HIDDEN), "slots": str(ENVIRONMENTS), "slotsUsed": str(ENVIRONMENTS),
            **{f"slot.{i}": name for i, name in enumerate(ENV_NAMES)},
            "optimizer": "adam", "optimizer.steps": "0",
        },
        "tensors": [tensor_json("head/" + n, v) for n, v in head.items()]
        + [tensor_json(f"optimizer/{slot}/" + n, torch.zeros_like(v)) for slot in ("m", "v") for n, v in head.items()],
    }
    return {"head": head, "optimizer": optimizer}, saved


# ---- fixtures ---------------------------------------------------------------------------------


def tensor_json(name, value):
    value = value.detach()
    return {"name": name, "shape": list(value.shape) if value.dim() > 0 else [1],
            "data": [float(v) for v in value.flatten()]}


NUMBER_LIST = re.compile(r"\[\s*(?:-?[0-9][0-9.eE+-]*\s*,\s*)*-?[0-9][0-9.eE+-]*\s*\]")


def compact_numbers(text):
    """One line per list of numbers (a tensor's data, a row of features) instead of one per value."""
    return NUMBER_LIST.sub(lambda m: re.sub(r"\s+", "", m.group(0)).replace(",", ", "), text)


def environments_json(batch):
    return [{"name": name, "features": [[float(v) for v in row] for row in x],
             "labels": [int(v) for v in y], "weights": None} for name, x, y in batch]


def fixture(name, algorithm, description, function, hp, steps, seed, initial=None):
    state, saved = initial(hp) if initial else ({}, None)
    step_json = []
    for update_count in range(steps):
        params, batch = draw_case(seed + update_count)
        p = leaves(params)
        losses = environment_losses(p, batch)
        outcome = function(p, batch, hp, state, update_count)
        step_json.append({
            "updateCount": update_count,
            "parameters": [tensor_json(n, v) for n, v in params.items()],
            "environments": environments_json(batch),
            "expected": {
                "updateKind": outcome.kind,
                "update": [tensor_json(n, outcome.update[n]) for n in params],
                "losses": losses,
                "penalties": outcome.penalties,
                "state": [tensor_json(n, v) for n, v in outcome.state.items()],
            },
        })
    document = {
        "format": FORMAT,
        "name": name,
        "algorithm": algorithm,
        "description": description,
        "generator": {"script": SCRIPT, "torch": torch.__version__, "seed": seed},
        "hyperparameters": {k: str(v) for k, v in hp.items()},
        "model": {"type": "mlp", "inputs": INPUTS, "hidden": [HIDDEN], "classes": CLASSES},
        "initialState": saved,
        "steps": step_json,
    }
    path = os.path.join(OUT_DIR, name + ".json")
    with open(path, "w") as out:
        out.write(compact_numbers(json.dumps(document, indent=1)) + "\n")
    print("wrote", os.path.relpath(path), file=sys.stderr)


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    fixture("erm", "erm", "cross-entropy of the pooled batch", erm, {}, 1, 11)
    fixture("andmask", "andmask", "AND-mask, DomainBed's mask_grads with the per-tensor rescale",
            and_mask, {"tau": 1.0}, 1, 12)
    fixture("irm-split", "irm",
            "IRMv1 with DomainBed's even/odd split penalty; anneal after 1 update (w = 1, then lambda)",
            irm, {"lambda": 100.0, "penaltyAnnealIters": 1, "estimator": "split"}, 2, 13)
    fixture("irm-squared", "irm", "IRMv1 with the paper's squared dummy-scale gradient",
            irm, {"lambda": 100.0, "penaltyAnnealIters": 0, "estimator": "squared"}, 1, 14)
    fixture("vrex", "vrex", "V-REx; anneal after 1 update (w = 1, then lambda)",
            vrex, {"lambda": 10.0, "penaltyAnnealIters": 1}, 2, 15)
    fixture("fishr", "fishr",
            "Fishr with per-example gradients by autograd (create_graph) and DomainBed's moving average;"
            " w = 0 on the first update, lambda on the next two, averages carried across steps",
            fishr, {"lambda": 1000.0, "penaltyAnnealIters": 1, "ema": 0.95}, 3, 16)
    fixture("coral", "coral", "CORAL: mean and covariance distance over environment pairs",
            coral, {"gamma": 1.0}, 1, 17)
    fixture("dann", "dann",
            "DANN: generator update, discriminator update (Adam betas (0.5, 0.9)), generator update"
            " against the updated discriminator",
            dann, {"lambda": 1.0, "dStepsPerGStep": 1, "lrD": 1e-3, "weightDecayD": 0.0, "beta1": 0.5,
                   "mlpWidth": DANN_WIDTH, "mlpDepth": 3, "environmentSlots": 0}, 3, 18, dann_initial_state)


if __name__ == "__main__":
    main()
