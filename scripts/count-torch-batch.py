"""Builds many PyTorch sources that define build() (as fastscale's toTorchvision writes them) in one Python
process, and counts each with forward hooks under pycls's conventions (scripts/hook_counts.py): importing
torch takes seconds, so tests that check many emitted networks send them together.

Usage: /usr/bin/python3 scripts/count-torch-batch.py < jobs.json
jobs.json: [{"code": "...", "imageSize": 224, "reference": "mobilenet_v2" (optional)}, ...]
Prints a JSON list, one entry per job, each as scripts/count-torch-code.py prints it: {"modules": [[name,
class, own params]], "layers": [[flops, acts, shape]], "totals": {...}, "stateDict": [[key, shape]],
"reference": {"stateDict": ...}} where a job's reference also builds torchvision.models.get_model(reference,
weights=None) and lists its state dict.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torchvision  # noqa: E402
from hook_counts import listed_modules, own_params, run_hooks, skip_init, totals  # noqa: E402


def state_dict_rows(model):
    return [[key, list(value.shape)] for key, value in model.state_dict().items()]


def count(code, image_size, reference):
    namespace = {"__name__": "fastscale_emitted"}
    exec(compile(code, "<emitted>", "exec"), namespace)
    with skip_init():
        model = namespace["build"]().eval()
    # Shapes alone decide the counts: PyTorch's meta device runs the forward pass without arithmetic.
    order, records, attention = run_hooks(model, image_size, "meta")
    modules = dict(listed_modules(model))
    out = {
        "modules": [[name, type(modules[name]).__name__, own_params(modules[name])] for name in order],
        "layers": [[records.get(n, {}).get("flops", 0), records.get(n, {}).get("acts", 0), records.get(n, {}).get("shape")] for n in order],
        "attention": attention,
        "totals": totals(records, attention, model),
        "stateDict": state_dict_rows(model),
    }
    if reference is not None:
        with skip_init():
            out["reference"] = {"stateDict": state_dict_rows(torchvision.models.get_model(reference, weights=None))}
    return out


def main():
    jobs = json.load(sys.stdin)
    json.dump([count(job["code"], int(job["imageSize"]), job.get("reference")) for job in jobs], sys.stdout)


main()
