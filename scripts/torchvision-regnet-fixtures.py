#!/usr/bin/env python3
"""Writes test/fixtures/torchvision-regnet.json: torchvision's own RegNet generation
(`torchvision.models.regnet.BlockParams.from_init_params`, unmodified) on its builders' settings and on
random and edge settings, and `_make_divisible` on edge inputs.

Run from the repository root with Debian's Python (torch 1.13, torchvision 0.14):
    /usr/bin/python3 scripts/torchvision-regnet-fixtures.py
"""
import json
import math
import platform
import random

import torch
import torchvision
from torchvision.models._utils import _make_divisible
from torchvision.models.regnet import BlockParams

OUT = "test/fixtures/torchvision-regnet.json"

# The settings of torchvision 0.14's regnet_* builders (torchvision/models/regnet.py).
BUILDERS = {
    "regnet_y_400mf": dict(depth=16, w_0=48, w_a=27.89, w_m=2.09, group_width=8, se_ratio=0.25),
    "regnet_y_800mf": dict(depth=14, w_0=56, w_a=38.84, w_m=2.4, group_width=16, se_ratio=0.25),
    "regnet_y_1_6gf": dict(depth=27, w_0=48, w_a=20.71, w_m=2.65, group_width=24, se_ratio=0.25),
    "regnet_y_3_2gf": dict(depth=21, w_0=80, w_a=42.63, w_m=2.66, group_width=24, se_ratio=0.25),
    "regnet_y_8gf": dict(depth=17, w_0=192, w_a=76.82, w_m=2.19, group_width=56, se_ratio=0.25),
    "regnet_y_16gf": dict(depth=18, w_0=200, w_a=106.23, w_m=2.48, group_width=112, se_ratio=0.25),
    "regnet_y_32gf": dict(depth=20, w_0=232, w_a=115.89, w_m=2.53, group_width=232, se_ratio=0.25),
    "regnet_y_128gf": dict(depth=27, w_0=456, w_a=160.83, w_m=2.52, group_width=264, se_ratio=0.25),
    "regnet_x_400mf": dict(depth=22, w_0=24, w_a=24.48, w_m=2.54, group_width=16),
    "regnet_x_800mf": dict(depth=16, w_0=56, w_a=35.73, w_m=2.28, group_width=16),
    "regnet_x_1_6gf": dict(depth=18, w_0=80, w_a=34.01, w_m=2.25, group_width=24),
    "regnet_x_3_2gf": dict(depth=25, w_0=88, w_a=26.31, w_m=2.25, group_width=48),
    "regnet_x_8gf": dict(depth=23, w_0=80, w_a=49.56, w_m=2.88, group_width=120),
    "regnet_x_16gf": dict(depth=22, w_0=216, w_a=55.59, w_m=2.1, group_width=128),
    "regnet_x_32gf": dict(depth=23, w_0=320, w_a=69.86, w_m=2.0, group_width=168),
}


def block_widths(depth, w_0, w_a, w_m):
    """The per-block widths, as from_init_params computes them (its first lines, unmodified)."""
    widths_cont = torch.arange(depth) * w_a + w_0
    block_capacity = torch.round(torch.log(widths_cont / w_0) / math.log(w_m))
    return (torch.round(torch.divide(w_0 * torch.pow(w_m, block_capacity), 8)) * 8).int().tolist()


def generate(settings):
    params = BlockParams.from_init_params(**settings)
    return {
        "blockWidths": block_widths(settings["depth"], settings["w_0"], settings["w_a"], settings["w_m"]),
        "depths": params.depths,
        "widths": params.widths,
        "groupWidths": params.group_widths,
    }


def random_settings(rng):
    """Wide ranges, and bottleneck multipliers torchvision's compatibility treats unlike pycls's."""
    return dict(
        depth=rng.randint(1, 40),
        w_0=8 * rng.randint(1, 64),
        w_a=rng.choice([round(rng.uniform(0, 250), 2), rng.uniform(0, 250), 0.0]),
        w_m=rng.choice([round(rng.uniform(1.05, 3.5), 2), rng.uniform(1.05, 3.5)]),
        group_width=rng.choice([1, 2, 3, 4, 8, 16, 24, 40, 56, 64, 120, 232]),
        bottleneck_multiplier=rng.choice([1.0, 1.0, 0.25, 0.5, 0.75, 2.0, 4.0]),
    )


def main():
    rng = random.Random(20240611)
    builders = [{"name": name, "settings": settings, **generate(settings)} for name, settings in BUILDERS.items()]
    cases = []
    while len(cases) < 600:
        settings = random_settings(rng)
        try:
            generated = generate(settings)
        except (ZeroDivisionError, ValueError):
            continue  # a bottleneck that truncates to 0 channels: torchvision fails, as fastscale does
        cases.append({"settings": settings, **generated})
    divisible = []
    for value in [0.5, 1, 3.5, 4, 4.0001, 11.9, 12, 12.5, 13, 19.99, 20, 27.9, 28, 36, 60, 100, 392, 396, 399.9]:
        for divisor in [1, 3, 8, 16, 24, 56]:
            divisible.append([value, divisor, _make_divisible(value, divisor)])
    fixture = {
        "about": (
            "torchvision's RegNet generation, BlockParams.from_init_params (torchvision 0.14, unmodified): "
            "settings are its keyword arguments; blockWidths the per-block widths it computes on float32 "
            "tensors (its first lines, repeated here); depths, widths, groupWidths the BlockParams it "
            "returns (after _adjust_widths_groups_compatibilty). builders: the settings of torchvision's "
            "regnet_* builders; cases: random settings (seeded), skipping those torchvision rejects. "
            "makeDivisible: [value, divisor, _make_divisible(value, divisor)]."
        ),
        "source": {
            "script": "scripts/torchvision-regnet-fixtures.py",
            "command": "/usr/bin/python3 scripts/torchvision-regnet-fixtures.py",
            "python": platform.python_version(),
            "torch": torch.__version__,
            "torchvision": torchvision.__version__,
        },
        "builders": builders,
        "cases": cases,
        "makeDivisible": divisible,
    }
    with open(OUT, "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
        f.write("\n")


main()
