#!/usr/bin/env python3
"""How the network of emitted PyTorch code (a source that defines build(), as fastscale's toTorchvision
writes it) is initialised: for each Conv2d, Linear and BatchNorm2d, its weight's element count, mean and
standard deviation, its fans (PyTorch's own rule), and the largest |bias|.

Usage: /usr/bin/python3 scripts/torch-init-stats.py < codes.json (a JSON list of sources)
Prints a JSON list (one per source) of [name, class, numel, mean, std, fan_in, fan_out, max |bias| or null].
The random generator is seeded (0) before each build, so the output is the same on every run.
"""
import json
import sys

import torch
import torch.nn as nn


def stats(code):
    namespace = {"__name__": "fastscale_emitted"}
    exec(compile(code, "<emitted>", "exec"), namespace)
    torch.manual_seed(0)
    model = namespace["build"]()
    rows = []
    for name, module in model.named_modules():
        if not isinstance(module, (nn.Conv2d, nn.Linear, nn.BatchNorm2d)):
            continue
        weight = module.weight.detach().double()
        fan_in, fan_out = (0, 0) if weight.dim() < 2 else nn.init._calculate_fan_in_and_fan_out(weight)
        bias = None if module.bias is None else float(module.bias.detach().abs().max())
        std = float(weight.std()) if weight.numel() > 1 else 0.0
        rows.append([name, type(module).__name__, weight.numel(), float(weight.mean()), std, fan_in, fan_out, bias])
    return rows


def main():
    json.dump([stats(code) for code in json.load(sys.stdin)], sys.stdout)


if __name__ == "__main__":
    main()
