"""Runs an ONNX model's weights in PyTorch: builds the network of emitted PyTorch code (fastscale's
toTorchvision), loads the ONNX model's initializers into it by state-dict key, and prints its logits on
an input. A check that the ONNX graph computes what the PyTorch modules of the same names compute.

Usage: /usr/bin/python3 scripts/torch-logits.py MODEL.onnx INPUT.f32 N SIZE < code.py
INPUT.f32 holds N*3*SIZE*SIZE little-endian float32 values (NCHW). Prints JSON {"logits": [...],
"loaded": number of state-dict entries set, "missing": [keys the ONNX model did not provide]}.
Initializer names are state-dict keys, except constants (`const.N`).
"""
import json
import sys

import numpy as np
import onnx
import torch
from onnx import numpy_helper


def onnx_state(path):
    state = {}
    for tensor in onnx.load(path).graph.initializer:
        if tensor.name.startswith("const."):
            continue
        state[tensor.name] = numpy_helper.to_array(tensor)
    return state


def main():
    model_path, input_path, batch, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    namespace = {"__name__": "fastscale_emitted"}
    exec(compile(sys.stdin.read(), "<emitted>", "exec"), namespace)
    model = namespace["build"]().eval()
    weights = onnx_state(model_path)
    target = model.state_dict()
    missing = [key for key in target if key not in weights and not key.endswith("num_batches_tracked")]
    extra = [key for key in weights if key not in target]
    if extra:
        raise SystemExit(f"ONNX initializers that are not state-dict keys: {extra[:10]}")
    for key, value in weights.items():
        if tuple(target[key].shape) != value.shape:
            raise SystemExit(f"{key}: ONNX shape {value.shape}, PyTorch shape {tuple(target[key].shape)}")
        target[key] = torch.from_numpy(value)
    model.load_state_dict(target)
    image = np.fromfile(input_path, dtype="<f4").reshape(batch, 3, size, size)
    with torch.no_grad():
        logits = model(torch.from_numpy(image.copy()))
    json.dump({"logits": logits.reshape(-1).tolist(), "loaded": len(weights), "missing": missing}, sys.stdout)


main()
