#!/usr/bin/python3
"""Reference values from Python itself for test/sweep/: how Python prints values, what pycls's Decimal
quantization gives, what ast.literal_eval and PyYAML read and write, and what numpy's generate_regnet
arithmetic gives.

    /usr/bin/python3 scripts/python-values-fixtures.py

writes test/fixtures/python-values.json. Python values are tagged in JSON so that ints and floats stay
apart: {"int": "12"}, {"float": 1.5}, {"str": "x"}, {"bool": true}, {"none": null}, {"list": [...]},
{"dict": [[key, value], ...]}.
"""
import ast
import json
import math
import os
import random
from decimal import Decimal

import numpy as np
import yaml

rng = random.Random(1234)


def tag(v):
    if v is None:
        return {"none": None}
    if isinstance(v, bool):
        return {"bool": v}
    if isinstance(v, int):
        return {"int": str(v)}
    if isinstance(v, float):
        if math.isnan(v):
            return {"float": "nan"}
        if math.isinf(v):
            return {"float": "inf" if v > 0 else "-inf"}
        return {"float": v}
    if isinstance(v, str):
        return {"str": v}
    if isinstance(v, (list, tuple)):
        return {"list" if isinstance(v, list) else "tuple": [tag(x) for x in v]}
    if isinstance(v, dict):
        return {"dict": [[k, tag(x)] for k, x in v.items()]}
    raise TypeError(type(v))


def random_double():
    kind = rng.random()
    if kind < 0.4:
        return rng.uniform(-1, 1) * 10 ** rng.randint(-30, 30)
    if kind < 0.6:
        return float(rng.randint(-10**6, 10**6)) * 10 ** rng.randint(-8, 8)
    if kind < 0.8:
        return round(rng.uniform(0, 100), rng.randint(0, 12))
    return float(np.frombuffer(rng.getrandbits(64).to_bytes(8, "little"), dtype=np.float64)[0])


floats = [0.0, -0.0, 1.0, 22.0, 0.1, 0.3, 1e-05, 1.5e-05, 0.0001, 0.00012, 1e16, 1e15, 123456789012345.6, 1234567890123456.0,
          12345678901234567.0, 1e22, 1e-7, 5e-324, 1.7976931348623157e308, 2.514, 9.4, 2.286, 0.0078125, 1 / 3, 2 / 3, 100.0,
          1e100, -2.5e-10, 0.5, 4.35e-06, 5.29758e-05, float("inf"), float("-inf")]
while len(floats) < 600:
    x = random_double()
    if math.isfinite(x):
        floats.append(x)
float_repr = [[x if math.isfinite(x) else ("inf" if x > 0 else "-inf"), repr(x)] for x in floats]

values = [[1, 2.0, "relu", None, True], [5, 2, 2, 6], [], "it's", 'say "hi"', "both ' and \"", "tab\there", "back\\slash",
          "é ü", "\x00\x1f\x7f", "€", "\U0001F600", {"A": 1}, [[1, 2], [3.5]], -0.0, 10**20]
python_repr = [[tag(v), repr(v), str(v)] for v in values]

# pycls's quantize: type(q)(Decimal(op(f / q)) * Decimal(str(q))) for integral n = op(f / q).
quanta = [0.1, 0.001, 0.05, 1.0e-10, 1.0e-7, 0.0078125, 0.01, 0.25, 1e-05, 3e-05, 0.3, 1.7, 12.5, 1e22, 1.2345678901234567e-05]
quantize = []
for q in quanta:
    for _ in range(25):
        n = float(rng.choice([rng.randint(-10**4, 10**4), rng.randint(0, 10**12), rng.randint(0, 10**17)]))
        quantize.append([n, q, repr(type(q)(Decimal(n) * Decimal(str(q))))])
    quantize.append([-0.0, q, repr(type(q)(Decimal(-0.0) * Decimal(str(q))))])
# Products of more than 28 digits whose dropped digits are exactly half a unit: the context's
# round-half-even decides. Found by search: n * coefficient(q) ending in 5 followed by zeros, past digit 28.
ties = 0
search = random.Random(5)
for q in [1.2345678901234565e-05, 0.9876543210987655, 3.3333333333333335e-07]:
    coefficient = int("".join(map(str, Decimal(str(q)).as_tuple().digits)))
    found = 0
    for _ in range(400000):
        n = search.randrange(10**15, 2**53)
        digits = str(n * coefficient)
        if len(digits) > 29 and digits[28] == "5" and digits[29:].strip("0") == "":
            quantize.append([float(n), q, repr(type(q)(Decimal(float(n)) * Decimal(str(q))))])
            found += 1
            if found == 4:
                break
    ties += found
assert ties >= 6, ties
for q in [1, 8, 5, 64]:
    for _ in range(10):
        n = float(rng.randint(-10**6, 10**6))
        quantize.append([n, {"int": str(q)}, repr(type(q)(Decimal(n) * Decimal(str(q))))])

multiples = []
for x, q in [(8.0, 0.1), (0.25, 0.05), (5.0, 1.0e-10), (5.0e-5, 1.0e-10), (0.3, 0.1), (0.35, 0.1), (2.0, 0.001), (3.0, 0.001),
             (0.0078125, 0.0078125), (1.0, 0.0078125), (0.1, 0.03), (1e30, 1e-10), (-0.5, 0.1), (256.0, 0.1), (1.999, 0.001),
             (100, 8), (12, 8), (0, 1), (-16, 8), (1.5, 0.5), (1e-5, 1e-7), (0.12, 0.07), (7.0, 3.5)]:
    try:
        multiples.append([tag(x), tag(q), Decimal(str(x)) % Decimal(str(q)) == 0])
    except Exception as error:  # decimal.InvalidOperation
        multiples.append([tag(x), tag(q), type(error).__name__])

literals = ["1e-5", "1e5", "12", "-3", "+4", "0x1F", "0o17", "0b101", "1_000", "1.5", ".5", "5.", "1e-05 ", " 7", "True", "False",
            "None", "[1, 2.5, 'a']", "(1, 2)", "(1,)", "()", "[]", "'quoted'", '"dq"', "'a' 'b'", "r'raw\\n'", "'esc\\tx'",
            "relu", "d1_w8_g8_r1", "", "07", "00", "1.0.0", "[1, 2", "inf", "nan", "-1e-3", "1 # comment", "[(1, 2)]", "- 5",
            "--5", "1,2", "1, 2,", "[1,]", "'\\x41\\u00e9'", "2e308", "0.1e1_0"]
literal_eval = []
for text in literals:
    try:
        v = ast.literal_eval(text.lstrip(" \t"))
        literal_eval.append([text, tag(v)])
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        literal_eval.append([text, None])

yaml_load_texts = [
    "A: 1\nB: 1.0\nC: 1e-5\nD: 1.0e-5\nE: yes\nF: No\nG: ~\nH: null\nI: ''\nJ: '1'\nK: 0x1F\nL: 017\nM: 1_000\nN: .5\nO: 1:30\nP: .inf\nQ: -.inf\nR: y\nS: 08\nT:\n",
    "LIST: [1, 2.0, three, 'four', true, null]\nNESTED:\n  A: {B: [1, [2, 3]]}\n  C: -1.5e+3\n",
    "DESC:\n  a folded\n  plain scalar\nQ: \"tab\\tand \\u00e9\"\nR: 'it''s'\n",
    "A: 1\nA: 2\nB: &x [1, 2]\nC: *x\nD: !!float 3\nE: !!str 4\n",
]
yaml_load = [[text, tag(yaml.safe_load(text))] for text in yaml_load_texts]

long_words = " ".join("KEY.PART{} {}".format(i, rng.choice(["1.0", "22", "[5, 2, 2, 6]", "relu", "1e-05"])) for i in range(30))
strings = ["plain", "", "true", "Yes", "null", "~", "1.0", "12", "1e-5", "0x10", "1:30", "2024-01-02", "=", "<<", "-", "- a", ": a", "a: b",
           "a:b", "#x", "a #x", "a#x", "[1, 2]", "{a}", "x, y", "?", "? x", "!tag", "&a", "*a", "|", ">", "'q'", '"q"', "%x", "@x", "`x",
           " lead", "trail ", "two  spaces", "line\nbreak", "trailing\n", "\nleading", "é", "tab\tx", "---", "...", "--- x", "a\x85b",
           long_words, "x" * 100, "word " * 30, "it's " * 25, "é " * 50, long_words + "\n" + long_words]
dump_values = [
    {"A": s for s in [None]} | {"K{:03d}".format(i): s for i, s in enumerate(strings)},
    {"FLOATS": [0.0, -0.0, 1.0, 1e-05, 1e16, 1e22, 12345678901234567.0, 0.1, float("inf"), float("-inf"), 2.5e-10, 100.0, 1e100],
     "INTS": [0, -1, 10**20], "BOOLS": [True, False], "NONE": None, "EMPTY_LIST": [], "EMPTY_MAP": {},
     "NESTED": [[1, [2, 3]], [], {"B": 1, "A": [1, 2]}, {}], "SECTION": {"Z": 1, "A": {"DEEP": [1.5, "x"], "EMPTY": {}}}},
    {"DESC": long_words, "NESTED": {"DESC": long_words, "LIST": [long_words, "x" * 90]}},
]
yaml_dump = [[tag(v), yaml.safe_dump(v), yaml.dump(v, width=float("inf"))] for v in dump_values]

# numpy's generate_regnet arithmetic on random and on tie-prone parameters.
def generate(wa, w0, wm, d, q=8):
    ws_cont = np.arange(d) * wa + w0
    ks = np.round(np.log(ws_cont / w0) / np.log(wm))
    ws_all = w0 * np.power(wm, ks)
    ws_all = np.round(np.divide(ws_all, q)).astype(int) * q
    ws, ds = np.unique(ws_all, return_counts=True)
    return [ws.tolist(), ds.tolist(), int(len(ws)), float(ks.max() + 1)]


regnet = []
nprs = np.random.RandomState(77)
for _ in range(3000):
    d = int(nprs.randint(1, 30))
    w0 = 8 * int(nprs.randint(1, 64))
    wa = float(Decimal(int(np.ceil(np.exp(nprs.uniform(np.log(0.1), np.log(300))) / 0.1))) * Decimal("0.1"))
    wm = float(Decimal(int(np.ceil(nprs.uniform(1.001, 4.0) / 0.001))) * Decimal("0.001"))
    regnet.append([wa, w0, wm, d, generate(wa, w0, wm, d)])
# Quotients that are exact ties in decimal arithmetic: dyadic multipliers and powers.
for wm in [1.5, 2.0, 2.25, 2.5, 2.125, 2.375, 2.75, 3.0, 4.0, 1.21, 1.44, 2.56, 2.89, 3.24]:
    for w0 in [8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 96, 120, 128]:
        for wa in [1.0, 2.0, 4.0, 4.5, 8.0, 12.0, 16.0, 20.0, 24.0, 32.0, 36.0, 48.0]:
            regnet.append([wa, w0, wm, 20, generate(wa, w0, wm, 20)])

# numpy's own np.exp and np.log (SVML on AVX-512 machines), one value at a time as pycls calls them.
exp_inputs = [float(v) for v in nprs.uniform(-8, 8, 3000)] + [float(v) for v in nprs.uniform(-700, 700, 1000)]
exp_inputs += [-float(np.log(v)) for v in [256.0, 4.0, 0.05, 0.8, 3.0, 1.999, 5.0, 0.25 - 0.125]] + [0.0, 1e-300, -1e-17, 0.5, -0.5]
log_inputs = [float(v) for v in np.exp(nprs.uniform(-20, 20, 3000))] + [float(v) for v in nprs.uniform(1.0, 3.0, 1000)]
log_inputs += [1.5, 1.6, 1.7, 1.1, 1.2, 2.25, 2.56, 2.89, 3.375, 4.096, 4.913, 1.21, 1.44, 1.69, 1.96, 3.24, 3.61, 0.5, 2.0, 1.0, 3.0,
               5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 1.0000000000000002, 0.9999999999999999]
# Mantissas where the processor's reciprocal estimate, rounded to 1/32, steps (src/sweep/svml.ts): around
# each step, where rounding the exact reciprocal would pick the other table entry.
steps = [1.939453125, 1.82855224609375, 1.729736328125, 1.641021728515625, 1.56097412109375, 1.4883880615234375,
         1.4221954345703125, 1.3617095947265625, 1.3061370849609375, 1.2549285888671875, 1.2075653076171875,
         1.163665771484375, 1.122802734375, 1.08477783203125, 1.0491790771484375, 1.0158538818359375]
for k, step in enumerate(steps):
    midpoint = 64.0 / (2 * (16 + k) + 1)
    for m in list(nprs.uniform(min(step, midpoint) - 2**-14, max(step, midpoint) + 2**-14, 12)) + [step, np.nextafter(step, 0)]:
        for e in [-3, 0, 7]:
            log_inputs.append(float(m) * 2.0**e)
numpy_exp = [[x, float(np.exp(np.float64(x)))] for x in exp_inputs]
# a * b + c rounded once (Fraction's float() rounds correctly): near-cancelling triples included.
from fractions import Fraction
fma_cases = []
for _ in range(600):
    a, b = random_double(), random_double()
    if not (math.isfinite(a) and math.isfinite(b) and abs(a) < 1e150 and abs(b) < 1e150 and abs(a * b) > 1e-290):
        continue
    c = -a * b * rng.choice([1.0, 1.0 + 2**-40, 1 - 2**-52, 0.5]) if rng.random() < 0.5 else random_double()
    if math.isfinite(c) and abs(c) < 1e300:
        fma_cases.append([a, b, c, float(Fraction(a) * Fraction(b) + Fraction(c))])
numpy_log = [[x, float(np.log(np.float64(x)))] for x in log_inputs]

out = {
    "generator": "scripts/python-values-fixtures.py",
    "numpyExp": numpy_exp,
    "fma": fma_cases,
    "numpyLog": numpy_log,
    "floatRepr": float_repr,
    "pythonRepr": python_repr,
    "quantize": quantize,
    "decimalMultiple": multiples,
    "literalEval": literal_eval,
    "yamlLoad": yaml_load,
    "yamlDump": yaml_dump,
    "generateRegnet": regnet,
}
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
path = os.path.join(root, "test", "fixtures", "python-values.json")
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"))
    f.write("\n")
print("wrote", path)
