#!/usr/bin/env python3
"""Writes test/fixtures/torchvision-module-names.json: every module torchvision's classification models
hold, parameter-free ones too (activations, Permute, Flatten, Dropout, StochasticDepth...), as
[name, class] in named_modules() order, for the models of test/fixtures/torchvision.

test/fixtures/torchvision lists only the modules that own parameters or are counted, so it cannot show
that a ReLU or a Permute carries torchvision's name; this fixture can. Run from the repository root with
Debian's Python (torch 1.13, torchvision 0.14):
    /usr/bin/python3 scripts/torchvision-module-names.py
"""
import json
import os
import sys

import torch
import torchvision
from torchvision.models import get_model

OUT = "test/fixtures/torchvision-module-names.json"
MODELS = sorted(
    name[: -len(".json")]
    for name in os.listdir("test/fixtures/torchvision")
    if name.endswith(".json") and name != "index.json"
)


def skip_initialisation():
    """Names do not depend on weights: initialisers become no-ops (they dominate building the large models)."""
    for name in dir(torch.nn.init):
        if name.endswith("_") and not name.startswith("_"):
            setattr(torch.nn.init, name, lambda tensor, *args, **kwargs: tensor)
    for module in (torch.nn.Linear, torch.nn.Conv2d, torch.nn.LayerNorm, torch.nn.BatchNorm2d):
        module.reset_parameters = lambda self: None


def main():
    skip_initialisation()
    models = {}
    for name in MODELS:
        model = get_model(name, weights=None)
        models[name] = [[module_name, type(module).__name__] for module_name, module in model.named_modules()]
        del model
        print(f"{name}: {len(models[name])} modules", file=sys.stderr)
    about = (
        "torchvision classification models built by their builders with weights=None; every entry of "
        "named_modules() as [name, class name], in that order (the root module is named '')."
    )
    with open(OUT, "w") as f:
        json.dump({"about": about, "torch": torch.__version__, "torchvision": torchvision.__version__, "models": models}, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
