#!/usr/bin/env python3
"""Writes test/fixtures/torchvision-width-multipliers.json: torchvision's own width multipliers of its mobile
networks (MobileNetV2's and MobileNetV3's width_mult, MNASNet's alpha), built by torchvision and counted with
forward hooks under pycls's conventions (scripts/hook_counts.py), module by module, at 224 px.

fastscale scales these families with torchvision's rounding, so scaling a zoo model by width alone must give
exactly these networks. Run from the repository root with Debian's Python (torch 1.13, torchvision 0.14):
    /usr/bin/python3 scripts/torchvision-width-fixtures.py
"""
import json
import os
import platform
import sys

import torch
import torchvision
from torchvision.models import MNASNet, mobilenet_v2, mobilenet_v3_large, mobilenet_v3_small

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hook_counts import listed_modules, own_params, run_hooks, skip_init, totals  # noqa: E402

OUT = "test/fixtures/torchvision-width-multipliers.json"
IMAGE_SIZE = 224
# Multipliers on both sides of 1, ones whose products land on rounding edges (x 0.35 of 16 is 5.6 -> 8,
# 1280 x 0.35 = 448), and a large one.
MULTIPLIERS = [0.35, 0.5, 0.75, 1.1, 1.3, 1.4, 2.0]
BUILDERS = {
    "mobilenet_v2": lambda m: mobilenet_v2(width_mult=m),
    "mobilenet_v3_large": lambda m: mobilenet_v3_large(width_mult=m),
    "mobilenet_v3_small": lambda m: mobilenet_v3_small(width_mult=m),
    # mnasnet1_0 is MNASNet(1.0): alpha scales it as width_mult does the MobileNets.
    "mnasnet1_0": lambda m: MNASNet(m),
}
CALLS = {
    "mobilenet_v2": "torchvision.models.mobilenet_v2(width_mult=m)",
    "mobilenet_v3_large": "torchvision.models.mobilenet_v3_large(width_mult=m)",
    "mobilenet_v3_small": "torchvision.models.mobilenet_v3_small(width_mult=m)",
    "mnasnet1_0": "torchvision.models.MNASNet(alpha=m)",
}


def count(model):
    order, records, attention = run_hooks(model, IMAGE_SIZE, "cpu")
    modules = dict(listed_modules(model))
    return {
        "totals": totals(records, attention, model),
        # [name, own params, flops, acts] in forward order.
        "modules": [[n, own_params(modules[n]), records.get(n, {}).get("flops", 0), records.get(n, {}).get("acts", 0)] for n in order],
    }


def main():
    models = {}
    for name, builder in BUILDERS.items():
        runs = []
        for m in MULTIPLIERS:
            with skip_init():
                model = builder(m).eval()
            runs.append({"multiplier": m, **count(model)})
        models[name] = {"call": CALLS[name], "runs": runs}
    out = {
        "about": "torchvision's width multipliers of its mobile networks (MobileNetV2/V3 width_mult, MNASNet alpha), "
                 "each network built by torchvision with weights=None, eval mode, counted with PyTorch forward hooks at "
                 f"{IMAGE_SIZE} px under pycls's conventions (as test/fixtures/torchvision: flops = multiply-adds of Conv2d "
                 "and Linear plus one per output element with a bias, acts = Conv2d/Linear/MaxPool2d output elements, "
                 "params = every parameter). modules: [name, own params, flops, acts] per listed module in forward order.",
        "source": {
            "script": "scripts/torchvision-width-fixtures.py",
            "torch": torch.__version__,
            "torchvision": torchvision.__version__,
            "python": platform.python_version(),
        },
        "imageSize": IMAGE_SIZE,
        "models": models,
    }
    with open(OUT, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")


main()
