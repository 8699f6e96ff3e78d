#!/usr/bin/env python3
"""Checks what an ONNX model from fastscale's toOnnx computes against pycls's own PyTorch model.

    /usr/bin/python3 scripts/onnx-vs-torch.py --onnx M.onnx --config M.yaml --input X.f32 \
        [--ort-logits Y.f32] [--rtol 1e-4]
    /usr/bin/python3 scripts/onnx-vs-torch.py --onnx M.onnx --torch-code M.py --input X.f32 ...
    /usr/bin/python3 scripts/onnx-vs-torch.py --batch CASES.json
    /usr/bin/python3 scripts/onnx-vs-torch.py --mutate add-to-identity|sigmoid-to-relu \
        --onnx M.onnx --out MUTATED.onnx

Compare mode: builds the PyTorch model, either with --config from pycls's own code (loads the pycls
YAML, `toPyclsConfig(spec)`, with pycls's own config loader and builds pycls's model; pycls code from
the local mirror, see scripts/pycls_env.py), or with --torch-code from PyTorch code that defines build()
(fastscale's toTorchvision output; needs only torch); copies the ONNX
initializers into its state_dict by name, strictly (every state_dict key filled, every initializer
used, shapes equal; only the `num_batches_tracked` counters, which eval mode never reads, are absent
from ONNX), runs the input (raw little-endian float32, shape [N, 3, r, r] with r from the ONNX input)
through it in eval mode in float32 and in float64, and prints one JSON object: the torch logits (float32
and float64) and,
with --ort-logits, the largest difference to them and whether it is within tolerance:
|ort - torch| <= rtol * max|torch logits| for every logit (float32 runtimes differ in summation order;
the float64 run shows how far float32 itself is from exact).

A model exported with foldBatchNorm has each batch norm folded into the conv before it (conv weight
scaled, a conv bias added, named `<conv>.bias`). pycls's convs have no bias, so the fold is mapped back
onto pycls's modules: conv weight = folded weight, and the batch norm after it (found by tracing which
conv output each BatchNorm2d reads) becomes y = x + bias exactly: weight 1, bias = the folded bias,
running_mean 0, running_var = 1 - eps.

Mutate mode writes a copy of the ONNX model with one kind of deliberate bug (every residual Add made an
Identity of its first input, or every squeeze-excite gate's Sigmoid made a Relu), so that tests can
show the comparison catches it.
"""
import argparse
import json
import os
import sys

import numpy as np
import onnx
from onnx import numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

DEFAULT_RTOL = 1e-4


def parse_args():
    parser = argparse.ArgumentParser(description="ONNX model vs pycls PyTorch model")
    parser.add_argument("--onnx")
    parser.add_argument("--batch", help="JSON list of {onnx, config or torchCode, input, ortLogits?, rtol?}: one "
                                        "result per case, printed as a JSON list (one torch import)")
    parser.add_argument("--config")
    parser.add_argument("--torch-code", help="PyTorch source defining build() (toTorchvision), instead of --config")
    parser.add_argument("--input")
    parser.add_argument("--ort-logits")
    parser.add_argument("--rtol", type=float, default=DEFAULT_RTOL)
    parser.add_argument("--mutate", choices=["add-to-identity", "sigmoid-to-relu"])
    parser.add_argument("--out")
    return parser.parse_args()


def mutate(model, kind):
    """Edits the graph in place; returns how many nodes changed."""
    changed = 0
    for node in model.graph.node:
        if kind == "add-to-identity" and node.op_type == "Add":
            node.op_type = "Identity"
            del node.input[1:]
            changed += 1
        elif kind == "sigmoid-to-relu" and node.op_type == "Sigmoid" and node.name.endswith(".f_ex.3"):
            node.op_type = "Relu"
            changed += 1
    return changed


def conv_to_norm(model, x):
    import torch

    """{conv name: name of the BatchNorm2d that reads its output} from one traced forward pass."""
    names = {module: name for name, module in model.named_modules()}
    produced, pairs, handles = {}, {}, []

    def after_conv(module, inputs, output):
        produced[id(output)] = (names[module], output)  # the tensor kept alive: ids are not reused

    def before_norm(module, inputs):
        conv = produced.get(id(inputs[0]))
        if conv is not None:
            pairs[conv[0]] = names[module]

    for module in model.modules():
        if isinstance(module, torch.nn.Conv2d):
            handles.append(module.register_forward_hook(after_conv))
        elif isinstance(module, torch.nn.BatchNorm2d):
            handles.append(module.register_forward_pre_hook(before_norm))
    with torch.no_grad():
        model(x)
    for handle in handles:
        handle.remove()
    return pairs


def state_from_onnx(model, initializers, x):
    import torch

    """The model's state_dict filled from ONNX initializers; raises on any mismatch."""
    state = model.state_dict()
    norms = dict(model.named_modules())
    used, filled, folded, counters = set(), {}, [], []
    pairs = None
    for key, current in state.items():
        if key in initializers:
            value = initializers[key]
            if tuple(value.shape) != tuple(current.shape):
                raise SystemExit(f"shape of {key}: ONNX {list(value.shape)}, pycls {list(current.shape)}")
            filled[key] = torch.from_numpy(value.copy())
            used.add(key)
        elif key.endswith(".num_batches_tracked"):
            filled[key] = current
            counters.append(key)
    missing = [k for k in state if k not in filled]
    if missing:
        pairs = conv_to_norm(model, x)
        by_norm = {norm: conv for conv, norm in pairs.items()}
        for key in missing:
            norm, _, field = key.rpartition(".")
            conv = by_norm.get(norm)
            bias_key = f"{conv}.bias" if conv else None
            if bias_key not in initializers:
                raise SystemExit(f"state_dict key {key} has no ONNX initializer (nor a folded conv bias)")
            bias = initializers[bias_key]
            eps = norms[norm].eps
            channels = bias.shape[0]
            values = {
                "weight": np.ones(channels, np.float32),
                "bias": bias,
                "running_mean": np.zeros(channels, np.float32),
                "running_var": np.full(channels, 1.0 - eps, np.float32),
            }
            filled[key] = torch.from_numpy(values[field].copy())
            used.add(bias_key)
            folded.append(norm)
    unused = [name for name in initializers if name not in used]
    if unused:
        raise SystemExit(f"ONNX initializers not in the model's state_dict: {unused[:10]}")
    return filled, sorted(set(folded)), counters


def read_f32(path, shape=None):
    data = np.fromfile(path, dtype="<f4")
    return data.reshape(shape) if shape is not None else data


def build_from_code(code_path):
    """The module that `build()` of a PyTorch source returns (fastscale's toTorchvision output)."""
    namespace = {"__name__": "fastscale_emitted"}
    with open(code_path) as file:
        exec(compile(file.read(), code_path, "exec"), namespace)
    return namespace["build"]()


def compare(pycls, onnx_path, config_path, input_path, ort_path=None, rtol=DEFAULT_RTOL, code_path=None):
    """One comparison; returns the JSON-ready result (raises SystemExit on a load mismatch)."""
    import torch

    if code_path is None:
        pycls.reset_cfg()
        pycls.load_cfg(config_path)
    onnx_model = onnx.load(onnx_path)
    dims = [d.dim_value for d in onnx_model.graph.input[0].type.tensor_type.shape.dim]
    size = dims[2]
    flat = read_f32(input_path)
    batch = flat.size // (3 * size * size)
    if batch * 3 * size * size != flat.size or batch < 1:
        raise SystemExit(f"input holds {flat.size} floats, not N x 3 x {size} x {size}")
    x = torch.from_numpy(flat.reshape(batch, 3, size, size).copy())
    initializers = {t.name: numpy_helper.to_array(t) for t in onnx_model.graph.initializer}

    torch.manual_seed(0)
    model = (build_from_code(code_path) if code_path is not None else pycls.build()).eval()
    state, folded, counters = state_from_onnx(model, initializers, x)
    model.load_state_dict(state, strict=True)
    with torch.no_grad():
        logits = model(x).numpy()
        logits64 = model.double()(x.double()).numpy()
    scale = float(np.abs(logits64).max())
    result = {
        "built": "torch code" if code_path is not None else "pycls",
        "modelType": pycls.cfg.MODEL.TYPE if code_path is None else None,
        "activation": pycls.cfg.MODEL.ACTIVATION_FUN if code_path is None else None,
        "imageSize": size,
        "batch": batch,
        "stateDictKeys": len(state),
        "foldedNorms": len(folded),
        "countersNotInOnnx": len(counters),
        "torchLogits": logits.reshape(-1).tolist(),
        "torchLogits64": logits64.reshape(-1).tolist(),
        "logitsShape": list(logits.shape),
        "maxAbsLogit": scale,
        "float32VsFloat64": float(np.abs(logits - logits64).max()),
        "rtol": rtol,
        "tolerance": rtol * scale,
    }
    if ort_path:
        ort = read_f32(ort_path)
        if ort.size != logits.size:
            raise SystemExit(f"ORT logits hold {ort.size} floats, torch {logits.size}")
        diff = float(np.abs(ort.reshape(logits.shape).astype(np.float64) - logits64).max())
        result.update({"maxAbsDiff": diff, "ok": diff <= rtol * scale})
    return result


def main():
    args = parse_args()
    if args.mutate:
        if not (args.onnx and args.out):
            raise SystemExit("--mutate needs --onnx and --out")
        model = onnx.load(args.onnx)
        changed = mutate(model, args.mutate)
        if not changed:
            raise SystemExit(f"{args.mutate}: no node to change")
        onnx.save(model, args.out)
        print(json.dumps({"mutated": args.mutate, "nodes": changed}))
        return
    if args.batch:
        cases = json.load(open(args.batch))
        pycls = load_pycls() if any("torchCode" not in case for case in cases) else None
        results = []
        for case in cases:
            try:
                results.append(compare(pycls, case["onnx"], case.get("config"), case["input"], case.get("ortLogits"),
                                       case.get("rtol", args.rtol), case.get("torchCode")))
            except SystemExit as error:
                results.append({"error": str(error)})
        print(json.dumps(results))
        return
    if not (args.onnx and (args.config or args.torch_code) and args.input):
        raise SystemExit("--onnx, --config or --torch-code, and --input are required to compare (or --batch)")
    pycls = load_pycls() if args.torch_code is None else None
    print(json.dumps(compare(pycls, args.onnx, args.config, args.input, args.ort_logits, args.rtol, args.torch_code)))


def load_pycls():
    import pycls_env

    return pycls_env.load()


if __name__ == "__main__":
    main()
