"""The reference-fixture format ``invstream-reference-fixture/2`` (README.md next to this file) and
its writer, shared by every fixture module; ``make_reference_fixtures.py`` is the entry point.

A fixture module builds ``Fixture`` values (an algorithm, its hyperparameters, a model, an
optimiser and consecutive ``Step``s with their ``Expected`` outcome) from float64 PyTorch
computations; ``document`` turns one into the JSON object the Java loader
(``io.invstream.trainer.reference.ReferenceFixtures``) reads.
"""

import json
import re
from typing import NamedTuple, Optional

import torch

FORMAT = "invstream-reference-fixture/2"
SCRIPT = "trainer/src/test/python/make_reference_fixtures.py"

#: The optimiser of fixtures whose update is captured before any optimiser step (every gradient
#: algorithm): its settings do not enter the expected numbers.
PLAIN_SGD = {"type": "sgd", "learningRate": 0.1, "momentum": 0.0, "weightDecay": 0.0}


class Environment(NamedTuple):
    """One environment's minibatch; every value float32-representable, held as float64."""
    name: str
    features: torch.Tensor                       # [rows, inputs]
    labels: torch.Tensor                         # [rows] class indices
    weights: Optional[torch.Tensor] = None       # [rows] example weights, or None for all ones
    annotations: Optional[torch.Tensor] = None   # [rows, inputs] RRR annotation mask, or None

    @property
    def rows(self):
        return self.features.shape[0]

    def weight_sum(self):
        return float(self.rows if self.weights is None else self.weights.sum())


class Expected(NamedTuple):
    """What one trainer step must produce. Tensors are dicts name -> tensor in layout order."""
    update: dict                                 # what the combine hook writes
    losses: list                                 # per-environment (weighted) mean cross-entropy before the step
    penalties: dict = {}                         # StepReport.penalties() entries
    state: dict = {}                             # exportState() tensors after the step (a subset)
    kind: str = "GRADIENT"                       # or "PARAMETER_DELTA"
    environment_gradients: Optional[list] = None  # per environment, the gradient dict of its objective J_e
    annotations: Optional[list] = None           # per environment, the annotation mask the step trains with


class Step(NamedTuple):
    update_count: int                            # updates applied before the step
    parameters: dict                             # name -> tensor, Model.layout() order, float32 values
    environments: list                           # [Environment]
    expected: Expected


class Fixture(NamedTuple):
    name: str                                    # file name without .json
    algorithm: str                               # AlgorithmRegistry CLI name
    description: str
    module: str                                  # the module that computes it
    seed: int
    hyperparameters: dict                        # --hp values (written as strings)
    model: dict                                  # mlp(), logistic() or cnn()
    steps: list                                  # [Step]
    optimizer: dict = PLAIN_SGD
    initial_state: Optional[dict] = None         # a SavedState ({"kind", "values", "tensors"}) or None


def mlp(inputs, hidden, classes):
    return {"type": "mlp", "inputs": inputs, "hidden": list(hidden), "classes": classes}


def cnn(channels, height, width, filters, classes):
    """conv3x3(pad 1)-ReLU-maxpool2 twice, then dense; inputs are [C, H, W] rows flattened."""
    return {"type": "cnn", "channels": channels, "height": height, "width": width, "filters": list(filters),
            "classes": classes}


def adam(learning_rate, beta1, beta2, epsilon, weight_decay):
    """torch.optim.Adam settings (coupled L2 weight decay)."""
    return {"type": "adam", "learningRate": learning_rate, "beta1": beta1, "beta2": beta2, "epsilon": epsilon,
            "weightDecay": weight_decay}


def tensor_json(name, value):
    value = value.detach()
    return {"name": name, "shape": list(value.shape) if value.dim() > 0 else [1],
            "data": [float(v) for v in value.flatten()]}


def tensors_json(tensors):
    return [tensor_json(name, value) for name, value in tensors.items()]


def matrix_json(m):
    return None if m is None else [[float(v) for v in row] for row in m]


def environment_json(env):
    return {"name": env.name, "features": matrix_json(env.features), "labels": [int(v) for v in env.labels],
            "weights": None if env.weights is None else [float(v) for v in env.weights],
            "annotations": matrix_json(env.annotations)}


def expected_json(expected, environments):
    out = {
        "updateKind": expected.kind,
        "update": tensors_json(expected.update),
        "losses": [float(v) for v in expected.losses],
        "penalties": {k: float(v) for k, v in expected.penalties.items()},
        "state": tensors_json(expected.state),
    }
    if expected.environment_gradients is not None:
        out["environmentGradients"] = [tensors_json(g) for g in expected.environment_gradients]
    if expected.annotations is not None:
        out["annotations"] = [tensor_json(env.name, a) for env, a in zip(environments, expected.annotations)]
    return out


def document(fixture):
    return {
        "format": FORMAT,
        "name": fixture.name,
        "algorithm": fixture.algorithm,
        "description": fixture.description,
        "generator": {"script": SCRIPT, "module": fixture.module, "torch": torch.__version__, "seed": fixture.seed},
        "hyperparameters": {k: str(v) for k, v in fixture.hyperparameters.items()},
        "model": fixture.model,
        "optimizer": fixture.optimizer,
        "initialState": fixture.initial_state,
        "steps": [{
            "updateCount": step.update_count,
            "parameters": tensors_json(step.parameters),
            "environments": [environment_json(env) for env in step.environments],
            "expected": expected_json(step.expected, step.environments),
        } for step in fixture.steps],
    }


NUMBER_LIST = re.compile(r"\[\s*(?:-?[0-9][0-9.eE+-]*\s*,\s*)*-?[0-9][0-9.eE+-]*\s*\]")


def compact_numbers(text):
    """One line per list of numbers (a tensor's data, a row of features) instead of one per value."""
    return NUMBER_LIST.sub(lambda m: re.sub(r"\s+", "", m.group(0)).replace(",", ", "), text)


def write(fixture, path):
    with open(path, "w") as out:
        out.write(compact_numbers(json.dumps(document(fixture), indent=1)) + "\n")
