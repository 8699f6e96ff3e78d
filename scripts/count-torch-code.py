"""Builds the network of a PyTorch source that defines build() (as fastscale's toTorchvision writes it) and
counts it with forward hooks under pycls's conventions (scripts/hook_counts.py).

Usage: /usr/bin/python3 scripts/count-torch-code.py IMAGE_SIZE [--reference BUILDER] [--device DEVICE] < code.py
Prints JSON: {"modules": [[name, class, own params]], "layers": [[flops, acts, shape]], "totals": {...},
"stateDict": [[key, shape]], "namedModules": [[name, class]], "reference": {"stateDict": ...}} where namedModules
is every entry of named_modules() (parameter-free ones too: activations, dropouts), and --reference also builds
torchvision.models.get_model(BUILDER, weights=None) and lists its state dict. --device runs the forward
pass there: `meta` computes shapes only (the hooks need nothing else, and it is fast); by default `meta`
above 512 px, `cpu` otherwise.

Batch mode (one Python process for many codes): /usr/bin/python3 scripts/count-torch-code.py --batch
reads a JSON list of {"code", "imageSize", "reference"?, "referenceArgs"?, "device"?} from stdin and prints a
JSON list of the results above; referenceArgs are keyword arguments of the reference builder (a ViT's
image_size); device "meta" counts shapes only (fast for large networks), "cpu" runs real tensors (the
default up to 512 px).
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch  # noqa: E402
import torchvision  # noqa: E402,F401
from hook_counts import listed_modules, own_params, run_hooks, skip_init, totals  # noqa: E402


def state_dict_rows(model):
    return [[key, list(value.shape)] for key, value in model.state_dict().items()]


def count(code, image_size, reference=None, reference_args=None, device=None):
    namespace = {"__name__": "fastscale_emitted"}
    exec(compile(code, "<emitted>", "exec"), namespace)
    with skip_init():
        model = namespace["build"]().eval()
    device = device or ("meta" if image_size > 512 else "cpu")
    order, records, attention = run_hooks(model, image_size, device)
    modules = dict(listed_modules(model))
    out = {
        "modules": [[name, type(modules[name]).__name__, own_params(modules[name])] for name in order],
        "layers": [[records.get(n, {}).get("flops", 0), records.get(n, {}).get("acts", 0), records.get(n, {}).get("shape")] for n in order],
        "attention": attention,
        "totals": totals(records, attention, model),
        "stateDict": state_dict_rows(model),
        "namedModules": [[name, type(module).__name__] for name, module in model.named_modules()],
    }
    if reference is not None:
        with skip_init():
            built = torchvision.models.get_model(reference, weights=None, **(reference_args or {}))
        out["reference"] = {"stateDict": state_dict_rows(built)}
    return out


def main():
    if sys.argv[1] == "--batch":
        jobs = json.load(sys.stdin)
        results = [count(j["code"], j["imageSize"], j.get("reference"), j.get("referenceArgs"), j.get("device")) for j in jobs]
        json.dump(results, sys.stdout)
        return
    options = dict(zip(sys.argv[2::2], sys.argv[3::2]))
    json.dump(count(sys.stdin.read(), int(sys.argv[1]), options.get("--reference"), None, options.get("--device")), sys.stdout)


main()
