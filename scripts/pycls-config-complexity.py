#!/usr/bin/env python3
"""pycls's own complexity (and, with --state-dict, the state dict of the module it builds) for pycls YAML
configs, through pycls's code at the mirror's HEAD run unmodified (scripts/pycls_env.py).

Usage: /usr/bin/python3 scripts/pycls-config-complexity.py [--state-dict] < configs.json
stdin: a JSON list of YAML texts. stdout: a JSON list, per config {"complexity": {flops, params, acts}}
or {"error": "AssertionError: ..."}, plus, with --state-dict (weights left uninitialised), "stateDict":
[[key, shape]] and "modules": [[name, class name]] of every entry of named_modules(). Tests use it to compare fastscale with pycls on configs no fixture holds.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hook_counts  # noqa: E402
import pycls_env  # noqa: E402


def run(pycls, text, state_dict):
    pycls.reset_cfg()
    pycls.cfg.merge_from_other_cfg(pycls_env.CfgNode.load_cfg(text))
    try:
        result = {"complexity": pycls.complexity()}
    except AssertionError as error:
        return {"error": f"AssertionError: {error}"}
    if state_dict:
        with hook_counts.skip_init():
            model = pycls.build()
        result["stateDict"] = [[key, list(value.shape)] for key, value in model.state_dict().items()]
        result["modules"] = [[name, type(module).__name__] for name, module in model.named_modules()]
    return result


def main():
    pycls = pycls_env.load()
    texts = json.load(sys.stdin)
    json.dump([run(pycls, text, "--state-dict" in sys.argv) for text in texts], sys.stdout)


main()
