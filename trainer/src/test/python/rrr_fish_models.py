"""Float64 PyTorch forward passes of the trainer's models, data helpers and JSON output, shared by
reference_fish.py, reference_rrr.py and reference_andmask_geom_mean.py.

Layouts follow the Java trainer: dense weights [out, in]; CNN input rows are [C, H, W] flattened,
convolutions 3x3 with padding 1, ReLU, 2x2 max-pool (twice), then features flattened channels-last
([H/4, W/4, F2]) into the dense layer. Every value handed to Java is float32-representable, so
the float32 trainer sees exactly the inputs the float64 reference used.
"""

import json
import math

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def f32(t):
    """Round to float32 and back, so Java reads the same numbers."""
    return t.float().double()


def uniform(generator, shape, bound):
    return f32((torch.rand(shape, generator=generator) * 2 - 1) * bound)


def dense_parameters(generator, widths):
    params = {}
    for layer, (fan_in, fan_out) in enumerate(zip(widths[:-1], widths[1:])):
        bound = 1 / math.sqrt(fan_in)
        params[f"dense{layer}.weight"] = uniform(generator, (fan_out, fan_in), bound)
        params[f"dense{layer}.bias"] = uniform(generator, (fan_out,), bound)
    return params


def cnn_parameters(generator, channels, height, width, filters1, filters2, classes):
    features = (height // 4) * (width // 4) * filters2
    shapes = [
        ("conv0.weight", (filters1, channels, 3, 3), channels * 9),
        ("conv0.bias", (filters1,), channels * 9),
        ("conv1.weight", (filters2, filters1, 3, 3), filters1 * 9),
        ("conv1.bias", (filters2,), filters1 * 9),
        ("dense0.weight", (classes, features), features),
        ("dense0.bias", (classes,), features),
    ]
    return {name: uniform(generator, shape, 1 / math.sqrt(fan_in)) for name, shape, fan_in in shapes}


def dense_logits(params, x):
    layers = len(params) // 2
    a = x
    for layer in range(layers):
        a = F.linear(a, params[f"dense{layer}.weight"], params[f"dense{layer}.bias"])
        if layer + 1 < layers:
            a = torch.relu(a)
    return a


def cnn_logits(params, x, spec):
    n = x.shape[0]
    images = x.reshape(n, spec["channels"], spec["height"], spec["width"])
    a = F.max_pool2d(torch.relu(F.conv2d(images, params["conv0.weight"], params["conv0.bias"], padding=1)), 2)
    a = F.max_pool2d(torch.relu(F.conv2d(a, params["conv1.weight"], params["conv1.bias"], padding=1)), 2)
    features = a.permute(0, 2, 3, 1).reshape(n, -1)
    return F.linear(features, params["dense0.weight"], params["dense0.bias"])


def logits(params, x, spec):
    return cnn_logits(params, x, spec) if spec["kind"] == "cnn" else dense_logits(params, x)


def weighted_cross_entropy(z, labels, weights):
    """Weighted mean cross-entropy L_e = sum_n w_n CE_n / sum_n w_n."""
    per_example = F.cross_entropy(z, labels, reduction="none")
    if weights is None:
        return per_example.mean()
    return (weights * per_example).sum() / weights.sum()


def environment(generator, name, rows, cols, classes, weighted=False, masked=False):
    env = {
        "name": name,
        "rows": rows,
        "features": f32(torch.randn((rows, cols), generator=generator)),
        "labels": torch.randint(0, classes, (rows,), generator=generator),
        "weights": f32(0.25 + torch.rand((rows,), generator=generator)) if weighted else None,
        "mask": None,
    }
    if masked:
        u = torch.rand((rows, cols), generator=generator)
        env["mask"] = torch.where(u < 0.4, 0.0, torch.where(u < 0.7, 1.0, 0.5))
    return env


def flat(t):
    return None if t is None else [float(v) for v in t.reshape(-1).tolist()]


def tensors_json(params):
    return {name: {"shape": list(t.shape), "data": flat(t)} for name, t in params.items()}


def environment_json(env):
    return {
        "name": env["name"],
        "rows": env["rows"],
        "features": flat(env["features"]),
        "labels": [int(v) for v in env["labels"].tolist()],
        "weights": flat(env["weights"]),
        "mask": flat(env["mask"]),
    }


def write(path, payload):
    payload = dict(payload)
    payload["torch"] = torch.__version__
    with open(path, "w") as out:
        json.dump(payload, out, indent=1)
        out.write("\n")
