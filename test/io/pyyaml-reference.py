"""The reference for test/io/pyyaml.test.ts: reads texts as pycls does and prints each result as JSON with
exact types. Input: a JSON list of texts on stdin.

  pyyaml-reference.py yaml     PyYAML's safe_load, then yacs's literal_eval of mapping values
  pyyaml-reference.py literal  ast.literal_eval alone ("text" where yacs would keep the string)
"""
import ast
import json
import sys

import yaml


def decode(value):
    """yacs's _decode_cfg_value, applied as _merge_a_into_b does: to the values of nested mappings."""
    if isinstance(value, dict):
        return {key: decode(item) for key, item in value.items()}
    if not isinstance(value, str):
        return value
    try:
        return ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return value


def encode(value):
    """JSON that keeps Python's types: ints as decimal strings, floats by repr, tuples as lists."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return {"int": str(value)}
    if isinstance(value, float):
        return {"float": repr(value)}
    if isinstance(value, (list, tuple)):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {"map": [[encode(key), encode(item)] for key, item in value.items()]}
    return {"other": {"ellipsis": "ellipsis"}.get(type(value).__name__, type(value).__name__)}


def literal(text):
    try:
        return {"value": encode(ast.literal_eval(text))}
    except (ValueError, SyntaxError):
        return {"text": True}
    except Exception as error:  # what stops pycls (a TypeError for an unhashable key)
        return {"error": type(error).__name__}


def load(text):
    try:
        return {"value": encode(decode(yaml.safe_load(text)))}
    except Exception as error:  # the kind of failure is what the test compares
        return {"error": type(error).__name__, "message": str(error)[:200]}


sys.set_int_max_str_digits(4300)
read = literal if sys.argv[1:] == ["literal"] else load
print(json.dumps([read(text) for text in json.load(sys.stdin)]))
