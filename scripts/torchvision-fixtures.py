#!/usr/bin/env python3
"""Writes test/fixtures/torchvision/<model>.json and index.json: torchvision's classification models
counted with forward hooks under pycls's conventions (DOMAIN.md section 10), module by module.

Run from the repository root with Debian's Python (torch 1.13, torchvision 0.14):
    /usr/bin/python3 scripts/torchvision-fixtures.py [--models a,b] [--check-real-below 30]

Each model is built by torchvision's own builder with weights=None and put in eval mode. The forward
passes run on PyTorch's "meta" device (shapes only, no arithmetic: the counts depend on shapes alone),
and every run whose hook flops are below --check-real-below GFLOPs is repeated on real CPU tensors and
must give identical hook records (index.json lists which were).
"""
import argparse
import json
import os
import platform
import sys

import torch
import torchvision
from torchvision.models import get_model, get_model_weights, list_models

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hook_counts import listed_modules, own_params, run_hooks  # noqa: E402

OUT_DIR = "test/fixtures/torchvision"

CONVNETS = [
    "resnet18", "resnet34", "resnet50", "resnet101", "resnet152",
    "resnext50_32x4d", "resnext101_32x8d", "resnext101_64x4d",
    "wide_resnet50_2", "wide_resnet101_2",
    *[f"efficientnet_b{i}" for i in range(8)],
    "efficientnet_v2_s", "efficientnet_v2_m", "efficientnet_v2_l",
    "mobilenet_v2", "mobilenet_v3_large", "mobilenet_v3_small",
    "mnasnet0_5", "mnasnet0_75", "mnasnet1_0", "mnasnet1_3",
    "convnext_tiny", "convnext_small", "convnext_base", "convnext_large",
    *sorted(n for n in list_models() if n.startswith("regnet_")),
]
VITS = ["vit_b_16", "vit_b_32", "vit_l_16", "vit_l_32", "vit_h_14"]
EXTRA_RESOLUTIONS = [160, 288]
# Builder default image_size of torchvision's VisionTransformer builders when weights=None.
VIT_BUILDER_IMAGE_SIZE = 224

ABOUT = (
    "torchvision classification model built by its builder with weights=None, eval mode, counted with "
    "PyTorch forward hooks under pycls's conventions: flops = multiply-adds of each Conv2d "
    "(kh*kw*(c_in/groups)*c_out*h_out*w_out) and Linear (in*out per location; a Linear over (N,H,W,C) "
    "or (N,L,C) counts H*W or L locations), plus one per output element where the layer has a bias; "
    "acts = output elements (batch 1) of Conv2d, Linear and MaxPool2d only; params = every parameter "
    "element. modules: one row [name, class, own params (recurse=False)] per module that owns "
    "parameters or is a Conv2d/Linear/MaxPool2d/BatchNorm2d/LayerNorm (subclasses included, class = "
    "type name, e.g. LayerNorm2d), ordered by the first call of each module (forward pre-hook: a "
    "container with its own parameters, e.g. CNBlock's layer_scale or ViT's encoder.pos_embedding, is "
    "listed where its forward begins, before its children; the root module is named ''), and modules "
    "whose forward never runs listed right after the module that precedes them in named_modules(). "
    "runs: one per image size; layers[i] = [flops, acts, output shape with batch 1 or null] of "
    "modules[i] (null shape: not a counted module, or never called). stateDict: [key, shape] of every "
    "state_dict entry in order. ViT: torchvision's nn.MultiheadAttention calls "
    "F.multi_head_attention_forward with in_proj_weight and out_proj.weight directly, so hooks count "
    "no attention flops or acts (its out_proj Linear never fires and shows [0, 0, null]); each run's "
    "attention lists per attention module [name, seqLen, embedDim, numHeads, inProj [flops, acts], "
    "qk [flops, acts], av [flops, acts], outProj [flops, acts]] as pycls's MultiheadAttention.complexity "
    "counts them (in_proj: L*(3E*E+3E) flops, 3E*L acts; q.k^T: heads*L*headDim*L flops, heads*L^2 "
    "acts; attention x v: heads*L*L*headDim flops, heads*L*headDim acts; out_proj: L*(E*E+E) flops, "
    "E*L acts), and totalsWithAttention = totals + those terms (pycls's ViT convention). ViTs are "
    "rebuilt per image size with the builder's image_size argument (what loading weights does with "
    "their min_size), so pos_embedding's params change with the image size: a run's paramsChanged "
    "lists [name, own params] where they differ from modules, and stateDictChanged [key, shape]."
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--models", help="comma-separated subset (default: all)")
    parser.add_argument("--out", default=OUT_DIR)
    parser.add_argument("--check-real-below", type=float, default=30.0,
                        help="repeat runs under this many hook GFLOPs on real CPU tensors")
    parser.add_argument("--no-index", action="store_true", help="do not rewrite index.json")
    return parser.parse_args()


def default_weights(model_name):
    weights = get_model_weights(model_name).DEFAULT
    transforms = weights.transforms()  # an ImageClassification preset; builds nothing, downloads nothing
    return {
        "name": f"{type(weights).__name__}.{weights.name}",
        "cropSize": transforms.crop_size[0],
        "resizeSize": transforms.resize_size[0],
        "minSize": list(weights.meta["min_size"]),
    }


def build(model_name, image_size=None):
    kwargs = {} if image_size is None else {"image_size": image_size}
    return get_model(model_name, weights=None, **kwargs).eval()


def state_dict_rows(model):
    return [[key, list(value.shape)] for key, value in model.state_dict().items()]


def module_rows(model, order):
    modules = dict(listed_modules(model))
    return [[name, type(modules[name]).__name__, own_params(modules[name])] for name in order]


def run_entry(model, image_size, order, records, attention, base_modules, base_state):
    layers = [[records[n]["flops"], records[n]["acts"], records[n]["shape"]] if n in records else [0, 0, None]
              for n in order]
    params = sum(p.numel() for p in model.parameters())
    rows = module_rows(model, order)
    if sum(r[2] for r in rows) != params:
        raise SystemExit("module rows do not add up to the parameter count")
    totals = {"flops": sum(l[0] for l in layers), "params": params, "acts": sum(l[1] for l in layers)}
    entry = {"imageSize": image_size, "totals": totals, "layers": layers}
    if [r[:2] for r in rows] != [r[:2] for r in base_modules]:
        raise SystemExit("module list differs between image sizes")
    changed = [[r[0], r[2]] for r, b in zip(rows, base_modules) if r[2] != b[2]]
    if changed:
        entry["paramsChanged"] = changed
        state = state_dict_rows(model)
        entry["stateDictChanged"] = [s for s, b in zip(state, base_state) if s != b]
    if attention:
        entry["attention"] = attention
        entry["totalsWithAttention"] = {
            "flops": totals["flops"] + sum(a[4][0] + a[5][0] + a[6][0] + a[7][0] for a in attention),
            "params": params,
            "acts": totals["acts"] + sum(a[4][1] + a[5][1] + a[6][1] + a[7][1] for a in attention),
        }
    return entry


def resolutions_for(model_name, crop_size):
    """[(image size, reason to skip or None)]: crop size first, then 160 and 288."""
    sizes = [crop_size] + [s for s in EXTRA_RESOLUTIONS if s != crop_size]
    if model_name not in VITS:
        return [(s, None) for s in sizes]
    if VIT_BUILDER_IMAGE_SIZE not in sizes:
        sizes.append(VIT_BUILDER_IMAGE_SIZE)
    patch = int(model_name.split("_")[-1])
    return [(s, None if s % patch == 0 else f"{s} is not a multiple of the patch size {patch} "
             "(torchvision's VisionTransformer asserts it)") for s in sizes]


def count_model(model_name, check_real_below):
    weights = default_weights(model_name)
    is_vit = model_name in VITS
    entries, skipped, checked = [], {}, []
    base_modules = base_state = None
    model = None
    for image_size, skip_reason in resolutions_for(model_name, weights["cropSize"]):
        if skip_reason:
            skipped[str(image_size)] = skip_reason
            continue
        if model is None or is_vit:
            model = build(model_name, image_size if is_vit else None)
        order, records, attention = run_hooks(model, image_size, "meta")
        if base_modules is None:
            base_modules, base_state = module_rows(model, order), state_dict_rows(model)
        entry = run_entry(model, image_size, order, records, attention, base_modules, base_state)
        if entry["totals"]["flops"] < check_real_below * 1e9:
            real_model = build(model_name, image_size if is_vit else None)
            real = run_hooks(real_model, image_size, "cpu")
            if real != (order, records, attention):
                raise SystemExit(f"{model_name} at {image_size}: meta and CPU hook records differ")
            checked.append(image_size)
            del real_model
        entries.append(entry)
        print(f"{model_name} {image_size}: {entry['totals']}"
              + (f" with attention {entry['totalsWithAttention']}" if attention else ""), flush=True)
    return {
        "about": ABOUT,
        "source": source(f"--models {model_name}"),
        "model": model_name,
        "builder": f"torchvision.models.get_model({model_name!r}, weights=None"
                   + (", image_size=<run imageSize>)" if is_vit else ")"),
        "defaultWeights": weights,
        "cropSize": weights["cropSize"],
        "resizeSize": weights["resizeSize"],
        "skippedImageSizes": skipped,
        "modules": base_modules,
        "stateDict": base_state,
        "runs": entries,
    }, checked


def source(arguments):
    return {
        "script": "scripts/torchvision-fixtures.py",
        "command": f"/usr/bin/python3 scripts/torchvision-fixtures.py {arguments}".strip(),
        "python": platform.python_version(),
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
    }


def dumps(value, depth=0):
    """JSON with one top-level key per line and one row per line for lists of rows (diffable)."""
    compact = lambda v: json.dumps(v, separators=(",", ":"))
    if isinstance(value, dict) and depth < 3:
        inner = ",\n".join(f"{compact(k)}:{dumps(v, depth + 1)}" for k, v in value.items())
        return "{\n" + inner + "\n}"
    if isinstance(value, list) and value and all(isinstance(v, (list, dict)) for v in value):
        return "[\n" + ",\n".join(dumps(v, depth + 1) if isinstance(v, dict) else compact(v)
                                  for v in value) + "\n]"
    return compact(value)


def write_json(path, value):
    with open(path, "w") as f:
        f.write(dumps(value) + "\n")


def main():
    args = parse_args()
    names = args.models.split(",") if args.models else CONVNETS + VITS
    unknown = [n for n in names if n not in CONVNETS + VITS]
    if unknown:
        raise SystemExit(f"unknown models: {unknown}")
    os.makedirs(args.out, exist_ok=True)
    torch.set_num_threads(2)
    index_path = os.path.join(args.out, "index.json")
    index = json.load(open(index_path)) if os.path.exists(index_path) and args.models else None
    rows = {r["model"]: r for r in index["models"]} if index else {}
    for name in names:
        fixture, checked = count_model(name, args.check_real_below)
        write_json(os.path.join(args.out, f"{name}.json"), fixture)
        rows[name] = {
            "model": name,
            "cropSize": fixture["cropSize"],
            "resizeSize": fixture["resizeSize"],
            "totals": {str(r["imageSize"]): r["totals"] for r in fixture["runs"]},
            "checkedOnRealTensors": checked,
        }
        for run in fixture["runs"]:
            if "totalsWithAttention" in run:
                rows[name].setdefault("totalsWithAttention", {})[str(run["imageSize"])] = run["totalsWithAttention"]
    if not args.no_index:
        order = CONVNETS + VITS
        write_json(index_path, {
            "about": "Models of this folder: default-weights crop and resize size, hook totals per image "
                     "size (see any model file's about), and the image sizes whose meta-device run was "
                     "repeated on real CPU tensors with identical hook records.",
            "source": source(""),
            "models": sorted(rows.values(), key=lambda r: order.index(r["model"])),
        })


if __name__ == "__main__":
    sys.exit(main())
