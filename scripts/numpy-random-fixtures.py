#!/usr/bin/python3
"""Reference numbers from numpy's legacy RandomState for test/sweep/random-state.test.ts.

Run with Debian's Python (numpy 1.24): /usr/bin/python3 scripts/numpy-random-fixtures.py
It writes test/fixtures/numpy-random.json: for each case a seed and a sequence of calls on one
np.random.RandomState, with what numpy returned for each call, so that the test replays the calls in
order and also checks that every call consumes the same 32-bit words as numpy's.
"""
import json
import math
import os

import mpmath
import numpy as np

assert np.__version__.startswith("1.24"), np.__version__
mpmath.mp.prec = 256


def call(rs, op):
    name, args = op[0], op[1:]
    if name == "uint32":
        return int(rs.randint(0, 2**32, dtype=np.uint64))
    if name == "random_sample":
        return float(rs.random_sample())
    if name == "uniform":
        return float(rs.uniform(*args))
    if name == "randint":
        return int(rs.randint(*args))
    if name == "standard_normal":
        return float(rs.standard_normal())
    if name == "normal":
        return float(rs.normal(*args))
    if name == "lognormal":
        return float(rs.lognormal(*args))
    if name == "choice":
        n, size, replace = args
        return [int(v) for v in rs.choice(n, size, replace=replace)]
    if name == "permutation":
        n, keep = args
        return [int(v) for v in rs.permutation(n)[:keep]]
    if name == "shuffle":
        items = list(args[0])
        rs.shuffle(items)
        return items
    raise ValueError(name)


def case(seed, ops):
    rs = np.random.RandomState(seed)
    return {"seed": seed, "calls": [{"op": list(op), "result": call(rs, op)} for op in ops]}


SEEDS = [0, 1, 2, 3, 42, 5489, 123456789, 2**31 - 1, 2**31, 2**32 - 2, 2**32 - 1]
ARRAY_SEEDS = [[0], [1, 2, 3], [2**32 - 1, 5], list(range(700))]

cases = []
# Raw words: the first ones, and across the first two refills of the 624-word state.
for seed in SEEDS + ARRAY_SEEDS:
    ops = [("uint32",)] * 8 + [("random_sample",)] * 3
    cases.append(case(seed, ops))
    rs = np.random.RandomState(seed)
    words = [int(v) for v in rs.randint(0, 2**32, size=700, dtype=np.uint64)]
    cases[-1]["words"] = words
# Distributions, each followed by a plain draw that shows how many words it used.
mixed = [
    ("uniform", 0.0, 1.0), ("uniform", -3.5, 2.25), ("uniform", 6.0, 17.0), ("uniform", 5.0, -5.0),
    ("uniform", -np.log(256.0), -np.log(4.0)), ("random_sample",),
    ("randint", 10), ("randint", 1, 4), ("randint", 0, 1), ("random_sample",), ("randint", -5, 5),
    ("randint", 0, 2**31), ("randint", 0, 2**32 - 1), ("randint", 0, 2**32), ("randint", 0, 2**32 + 1),
    ("randint", 0, 2**40), ("randint", -(2**40), 2**40), ("randint", 0, 2**53 - 1), ("randint", 7, 8),
    ("randint", 0, 1000000), ("randint", 0, 3), ("randint", 0, 5), ("random_sample",),
    ("standard_normal",), ("standard_normal",), ("standard_normal",), ("random_sample",),
    ("normal", 10.0, 2.0), ("normal", -1.0, 0.5), ("normal", 0.0, 0.0), ("random_sample",),
    ("lognormal", 0.0, 1.0), ("lognormal", 1.5, 0.25), ("lognormal", -2.0, 3.0), ("random_sample",),
    ("choice", 10, 5, True), ("choice", 1, 3, True), ("choice", 10, 5, False), ("choice", 7, 7, False),
    ("choice", 100, 0, False), ("random_sample",),
    ("permutation", 10, 10), ("permutation", 1, 1), ("permutation", 0, 0), ("permutation", 1000000, 12),
    ("shuffle", ["a", "b", "c", "d", "e"]), ("random_sample",),
]
for seed in SEEDS:
    cases.append(case(seed, mixed))
# Long runs of normals (the cached second value) and bounded integers.
for seed in [0, 7, 2**32 - 1]:
    cases.append(case(seed, [("normal", 0.5, 2.0)] * 25 + [("lognormal", 0.1, 0.7)] * 25))
    cases.append(case(seed, [("randint", 0, n) for n in range(1, 60)] + [("randint", 0, 2**k + 3) for k in range(30, 53)]))
# What sweep_setup draws: chunk seeds, then the final choice.
for seed in [0, 1, 2, 10, 2**32 - 1]:
    cases.append(case(seed, [("choice", 1000000, 20, False), ("choice", 128, 64, False), ("choice", 33, 32, False)]))

# Correctly rounded log and exp (what glibc returns but for the rarest near-ties), against 256-bit mpmath.
rs = np.random.RandomState(2024)
log_inputs = sorted(set(
    [float(v) for v in rs.uniform(1e-6, 1.0, 300)] + [float(v) for v in np.exp(rs.uniform(-700, 700, 300))]
    + [0.25, 0.5, 0.75, 1.5, 2.0, 2.25, 3.0, 1.999, 7.999, 0.999999999, 1.000000001, 5e-324, 1.7976931348623157e308]
))
exp_inputs = sorted(set(
    [float(v) for v in rs.uniform(-40.0, 40.0, 300)] + [float(v) for v in rs.uniform(-745.0, 709.0, 200)]
    + [float(v) for v in rs.uniform(-1e-6, 1e-6, 50)] + [-5.545177444479562, -1.3862943611198906, 0.5, -0.5, 1.0, 700.0]
))
def cr(f, x):
    return float(f(mpmath.mpf(x)))

functions = {
    "log": [[x, cr(mpmath.log, x), math.log(x)] for x in log_inputs],
    "exp": [[x, cr(mpmath.exp, x), math.exp(x)] for x in exp_inputs],
}

out = {
    "generator": "scripts/numpy-random-fixtures.py",
    "numpy": np.__version__,
    "cases": cases,
    "functions": functions,
}
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
path = os.path.join(root, "test", "fixtures", "numpy-random.json")
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"))
    f.write("\n")
print("wrote", path, len(cases), "cases")
