"""Fish (Shi et al. 2021) as DomainBed runs it, in PyTorch float64: a clone starts at theta and
walks through the environments in order with one torch.optim.Adam step each (coupled weight
decay), the inner Adam state persisting across updates; the update is the parameter delta
meta_lr * (theta_inner - theta). Two updates, so the persistent state matters; theta after the
first is rounded to float32 to be the second step's parameters.

Fixture fish.
"""

import torch

from reference_format import Expected, Fixture, Step, adam, mlp
from reference_models import environment, f32, logits, losses, parameters, weighted_cross_entropy

MODULE = "reference_fish.py"
SEED = 2021
OPTIMIZER = adam(0.01, 0.9, 0.999, 1e-8, 0.001)
META_LR = 0.5


def fixtures():
    generator = torch.Generator().manual_seed(SEED)
    model = mlp(4, [6], 3)
    theta = parameters(generator, model)
    inner = {k: v.clone().requires_grad_(True) for k, v in theta.items()}
    optimizer = torch.optim.Adam(
        list(inner.values()), lr=OPTIMIZER["learningRate"], betas=(OPTIMIZER["beta1"], OPTIMIZER["beta2"]),
        eps=OPTIMIZER["epsilon"], weight_decay=OPTIMIZER["weightDecay"])
    steps = []
    for update_count in range(2):
        envs = [
            environment(generator, "e0", 5, 4, 3),
            environment(generator, "e1", 4, 4, 3, weighted=True),
            environment(generator, "e2", 7, 4, 3),
        ]
        with torch.no_grad():
            for k in inner:
                inner[k].copy_(theta[k])
        inner_losses = []
        for env in envs:
            optimizer.zero_grad()
            loss = weighted_cross_entropy(logits(inner, env.features, model), env.labels, env.weights)
            inner_losses.append(float(loss))
            loss.backward()
            optimizer.step()
        delta = {k: META_LR * (inner[k].detach() - theta[k]) for k in theta}
        expected = Expected(delta, losses(theta, envs, model), {"fish.innerLoss": sum(inner_losses) / len(envs)},
                            kind="PARAMETER_DELTA")
        steps.append(Step(update_count, theta, envs, expected))
        theta = {k: f32(theta[k] + delta[k]) for k in theta}
    return [Fixture("fish", "fish", "Fish: inner Adam walk over the environments in order, persistent inner state,"
                    " meta step as a parameter delta", MODULE, SEED, {"metaLearningRate": META_LR}, model, steps,
                    optimizer=OPTIMIZER)]
