#!/usr/bin/env python3
"""Writes test/fixtures/pycls-vit.json: pycls's own ViT.complexity (pycls/models/vit.py at the mirror's
HEAD, run unmodified through scripts/pycls_env.py) for a varied set of ViT configs, with the parameter
count of the built module and a forward-hook count of the built module beside it.

Run from the repository root: /usr/bin/python3 scripts/pycls-vit-fixtures.py
"""
import json
import os
import platform
import subprocess
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hook_counts  # noqa: E402
import pycls_env  # noqa: E402

OUT = "test/fixtures/pycls-vit.json"
SHARED = "/work/shared/fixtures/pycls-vit.json"
MIRROR = os.environ.get("PYCLS_MIRROR", pycls_env.DEFAULT_MIRROR)
# pycls's ViT configs ("Early Convolutions Help Transformers See Better") live on the mirror's
# `vitconfigs` branch only (commit 61ea76c, "Add ViT configs"), not at HEAD.
VIT_CONFIGS_COMMIT = "61ea76c5e6f36484b7b2b2d199c178dab1558b6d"

# name: (layers, heads, hidden, mlp): ViT-Ti/S/B/L/H as in the ViT and DeiT papers.
SIZES = {
    "Ti": (12, 3, 192, 768),
    "S": (12, 6, 384, 1536),
    "B": (12, 12, 768, 3072),
    "L": (24, 16, 1024, 4096),
    "H": (32, 16, 1280, 5120),
}
IMAGE_SIZES = {16: [224, 160, 288, 384], 32: [224, 160, 288, 384], 14: [224, 280, 392, 518]}
# Conv stems of pycls's ViTC configs: (kernels, strides, dims without the last), hidden/heads/mlp/layers.
CONV_STEMS = {
    "ViTC-1GF": ([3, 3, 3, 3, 1], [2, 2, 2, 2, 1], [24, 48, 96, 192, 192], (11, 3, 192, 576)),
    "ViTC-4GF": ([3, 3, 3, 3, 1], [2, 2, 2, 2, 1], [48, 96, 192, 384, 384], (11, 6, 384, 1152)),
    "ViTC-18GF": ([3, 3, 3, 3, 3, 3, 1], [2, 2, 1, 2, 1, 2, 1], [64, 128, 128, 256, 256, 512, 768],
                  (11, 12, 768, 3072)),
    "ViTC-36GF": ([3, 3, 3, 3, 3, 3, 1], [2, 2, 1, 2, 1, 2, 1], [64, 128, 128, 256, 256, 512, 1024],
                  (13, 16, 1024, 4096)),
}


def vit_keys(layers, heads, hidden, mlp, patch, image, stem="patchify", cls="token", classes=1000,
             conv=None):
    keys = {
        "VIT.NUM_LAYERS": layers,
        "VIT.NUM_HEADS": heads,
        "VIT.HIDDEN_DIM": hidden,
        "VIT.MLP_DIM": mlp,
        "VIT.PATCH_SIZE": patch,
        "TRAIN.IM_SIZE": image,
        "VIT.STEM_TYPE": stem,
        "VIT.CLASSIFIER_TYPE": cls,
        "MODEL.NUM_CLASSES": classes,
    }
    if conv:
        kernels, strides, dims = conv
        keys.update({"VIT.C_STEM_KERNELS": kernels, "VIT.C_STEM_STRIDES": strides, "VIT.C_STEM_DIMS": dims})
    return keys


def grid():
    """(name, keys) of the generated set."""
    cases = []
    for size, (layers, heads, hidden, mlp) in SIZES.items():
        for patch, images in IMAGE_SIZES.items():
            for image in images:
                for cls in ("token", "pooled"):
                    classes_set = (1000, 10) if size in ("Ti", "B") else (1000,)
                    for classes in classes_set:
                        name = f"ViT-{size}/{patch} {cls} {image}px {classes} classes"
                        cases.append((name, vit_keys(layers, heads, hidden, mlp, patch, image, "patchify",
                                                     cls, classes)))
    for stem, (kernels, strides, dims, (layers, heads, hidden, mlp)) in CONV_STEMS.items():
        for image in (224, 160, 288, 384):
            for cls in ("token", "pooled"):
                for classes in (1000, 10):
                    name = f"{stem} conv stem {cls} {image}px {classes} classes"
                    cases.append((name, vit_keys(layers, heads, hidden, mlp, 16, image, "conv", cls, classes,
                                                 (kernels, strides, dims))))
    # Hand-made edges: kernels other than 3 before the last conv (pycls builds 3x3 there whatever
    # C_STEM_KERNELS says), a 3x3 last conv, total strides 8 and 32, one-layer stem, odd class counts.
    edges = [
        ("conv stem, first kernels 5 and 7 (pycls uses 3)", vit_keys(
            2, 2, 64, 128, 16, 224, "conv", "token", 1000, ([5, 7, 3, 3, 1], [2, 2, 2, 2, 1], [8, 16, 32, 64, 64]))),
        ("conv stem, last conv 3x3 stride 1", vit_keys(
            2, 2, 64, 128, 16, 160, "conv", "pooled", 10, ([3, 3, 3, 3, 3], [2, 2, 2, 2, 1], [8, 16, 32, 64, 64]))),
        ("conv stem, last conv 3x3 stride 2", vit_keys(
            2, 4, 64, 256, 16, 288, "conv", "token", 10, ([3, 3, 3, 3], [2, 2, 2, 2], [8, 16, 32, 64]))),
        ("conv stem, patch 8", vit_keys(
            3, 4, 96, 192, 8, 96, "conv", "token", 1000, ([3, 3, 3, 1], [2, 2, 2, 1], [24, 48, 96, 96]))),
        ("conv stem, patch 32", vit_keys(
            3, 4, 128, 384, 32, 384, "conv", "pooled", 1000,
            ([3, 3, 3, 3, 3, 1], [2, 2, 2, 2, 2, 1], [16, 32, 64, 64, 128, 128]))),
        ("conv stem, one layer (the last conv only, patch 2)", vit_keys(
            1, 1, 16, 32, 2, 32, "conv", "token", 10, ([3], [2], [16]))),
        ("patchify, patch 1, 8px", vit_keys(1, 1, 8, 8, 1, 8, "patchify", "token", 3)),
        ("patchify, image = patch (one token)", vit_keys(2, 2, 32, 64, 16, 16, "patchify", "pooled", 7)),
        ("patchify, mlp narrower than hidden", vit_keys(2, 4, 64, 16, 16, 64, "patchify", "token", 5)),
        ("patchify, pycls defaults only", {}),
    ]
    return cases + edges


def config_file_cases():
    """(name, keys, path) from pycls's ViT configs on the vitconfigs branch."""
    import yaml

    paths = subprocess.check_output(
        ["git", "-C", MIRROR, "show", "--name-only", "--format=", VIT_CONFIGS_COMMIT], text=True).split()
    cases = []
    for path in sorted(p for p in paths if "/vit/" in p):
        text = subprocess.check_output(["git", "-C", MIRROR, "show", f"{VIT_CONFIGS_COMMIT}:{path}"], text=True)
        config = yaml.safe_load(text)
        keys = {f"VIT.{k}": v for k, v in config["VIT"].items()}
        keys["MODEL.NUM_CLASSES"] = config["MODEL"]["NUM_CLASSES"]
        keys["TRAIN.IM_SIZE"] = config["TRAIN"]["IM_SIZE"]
        cases.append((os.path.basename(path)[: -len(".yaml")], keys, path))
    return cases


# pycls rejects these (ViT.check_params or patchify2d_cx asserts, or nn.MultiheadAttention).
REJECTED = [
    ("image size not a multiple of the patch size", vit_keys(12, 12, 768, 3072, 16, 200)),
    ("unknown stem type", vit_keys(12, 12, 768, 3072, 16, 224, "conv3")),
    ("unknown classifier type", vit_keys(12, 12, 768, 3072, 16, 224, "patchify", "mean")),
    ("conv stem: dims and strides of different lengths", vit_keys(
        2, 2, 64, 128, 16, 224, "conv", "token", 1000, ([3, 3, 3, 3, 1], [2, 2, 2, 2, 1], [8, 16, 32, 64]))),
    ("conv stem: strides and kernels of different lengths", vit_keys(
        2, 2, 64, 128, 16, 224, "conv", "token", 1000, ([3, 3, 3, 1], [2, 2, 2, 2, 1], [8, 16, 32, 64, 64]))),
    ("conv stem: strides multiply to 8, patch 16", vit_keys(
        2, 2, 64, 128, 16, 224, "conv", "token", 1000, ([3, 3, 3, 1], [2, 2, 2, 1], [8, 16, 32, 64]))),
    ("conv stem: last dim differs from hidden", vit_keys(
        2, 2, 64, 128, 16, 224, "conv", "token", 1000, ([3, 3, 3, 3, 1], [2, 2, 2, 2, 1], [8, 16, 32, 64, 32]))),
    ("hidden not divisible by heads (pycls counts it, torch cannot build it)", vit_keys(
        2, 5, 64, 128, 16, 224)),
]


def run_case(pycls, keys):
    """pycls's complexity, the built module's params and its hook count (meta device)."""
    pycls.reset_cfg()
    pycls.merge({"MODEL.TYPE": "vit", **keys})
    result = {"complexity": None, "error": None, "buildError": None}
    try:
        result["complexity"] = pycls.complexity()
    except AssertionError as error:
        result["error"] = f"AssertionError: {error}"
    try:
        with hook_counts.skip_init():
            model = pycls.build().eval()
    except AssertionError as error:
        result["buildError"] = f"AssertionError: {error}"
        return result
    result["moduleParams"] = sum(p.numel() for p in model.parameters())
    _, records, attention = hook_counts.run_hooks(model, pycls.cfg.TRAIN.IM_SIZE, "meta")
    result["hooks"] = hook_counts.totals(records, attention, model)
    return result


def main():
    pycls = pycls_env.load()
    torch.set_num_threads(1)
    shared = json.load(open(SHARED))["records"]
    cases = [(f"shared fixture {i + 1}", r["config"], SHARED) for i, r in enumerate(shared)]
    cases += config_file_cases()
    cases += [(name, keys, None) for name, keys in grid()]
    records, disagreements = [], []
    for (name, keys, origin) in cases:
        result = run_case(pycls, keys)
        if result["error"] or result["buildError"]:
            raise SystemExit(f"{name}: {result}")
        cx = result["complexity"]
        if result["moduleParams"] != cx["params"]:
            raise SystemExit(f"{name}: module params {result['moduleParams']} != pycls {cx['params']}")
        if result["hooks"] != cx:
            disagreements.append(name)
        record = {"name": name, "config": keys, **cx}
        if origin:
            record["from"] = origin if origin == SHARED else f"{VIT_CONFIGS_COMMIT[:7]}:{origin}"
        records.append(record)
    for i, r in enumerate(shared):
        if {k: records[i][k] for k in ("flops", "params", "acts")} != {k: r[k] for k in ("flops", "params", "acts")}:
            raise SystemExit(f"shared record {i + 1} not reproduced: {records[i]} vs {r}")
    rejected = []
    for name, keys in REJECTED:
        result = run_case(pycls, keys)
        row = {"name": name, "config": keys}
        if result["error"]:
            row["error"] = result["error"]
        else:
            row.update(result["complexity"])
        if result["buildError"]:
            row["buildError"] = result["buildError"]
        if not (result["error"] or result["buildError"]):
            raise SystemExit(f"{name}: expected pycls to reject it")
        rejected.append(row)
    out = {
        "about": (
            "pycls's ViT.complexity (pycls/models/vit.py and blocks.py, unmodified) for these config keys "
            "over pycls's defaults (MODEL.TYPE vit; pycls.core.net.complexity: cx starts at TRAIN.IM_SIZE). "
            "For every record the module pycls builds (ViT(), weights left uninitialised) has exactly "
            "`params` parameters, and counting its forward pass with hooks (Conv2d/Linear multiply-adds "
            "+ bias, outputs as acts, plus nn.MultiheadAttention's terms as pycls counts them; "
            "scripts/hook_counts.py) gives the same flops and acts"
            + (f" except in: {disagreements}" if disagreements else "")
            + ". Records 1-3 are ../shared/fixtures/pycls-vit.json, reproduced. Records with `from` "
            "naming a commit are pycls's ViT configs of its vitconfigs branch (commit 61ea76c, "
            "configs/vitconv_baselines/vit/, the Early Convolutions paper's ViTP/ViTC models; their "
            "TRAIN.IM_SIZE 224). Note that pycls builds every conv-stem layer but the last as 3x3 "
            "whatever C_STEM_KERNELS says (the first hand-made edge shows it). `rejected`: configs pycls "
            "refuses: `error` is the AssertionError of ViT.complexity (check_params), `buildError` that "
            "of building the module where the count itself succeeds."
        ),
        "source": {
            "script": "scripts/pycls-vit-fixtures.py",
            "command": "/usr/bin/python3 scripts/pycls-vit-fixtures.py",
            "pycls": f"facebookresearch/pycls {pycls.commit}",
            "python": platform.python_version(),
            "torch": torch.__version__,
        },
        "records": records,
        "rejected": rejected,
    }
    with open(OUT, "w") as f:
        f.write("{\n" + ",\n".join(
            f"{json.dumps(k)}:" + ("[\n" + ",\n".join(json.dumps(r, separators=(",", ":")) for r in v) + "\n]"
                                  if isinstance(v, list) else json.dumps(v, separators=(",", ":")))
            for k, v in out.items()) + "\n}\n")
    print(len(records), "records,", len(rejected), "rejected; hook disagreements:", disagreements)


if __name__ == "__main__":
    main()
