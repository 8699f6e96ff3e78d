"""Writes test/fixtures/python-pow.json: Python's `base ** exponent` (C pow) on the kinds of inputs
pycls's scaling_factors sees (factors 2^-20..2^40, exponents weight / sum / 2) and on random doubles,
with the correctly rounded value beside it.
Run: python3 scripts/generate-python-pow.py"""
import json
import random
from decimal import Decimal, getcontext

getcontext().prec = 60

random.seed(20210312)
cases = []
weights = [0, 0.5, 1, 2, 3, 4, 8]
for _ in range(1500):
    s = 2 ** random.uniform(-20, 40)
    wd, ww, wg, wr = (random.choice(weights) for _ in range(4))
    total = wd + ww + wr or wg / 2 or 1.0
    for w, half in ((wd, 1.0), (ww, 2.0), (wg, 2.0), (wr, 2.0)):
        e = w / total / half
        cases.append([s, e, s ** e])
for s in [0.5, 2.0, 4.0, 16.0, 2.25, 1024.0, 3.0, 10.0]:
    for e in [0.25, 0.5, 1 / 3, 0.05, 0.4, 0.1, 1 / 6, 0.75]:
        cases.append([s, e, s ** e])
for _ in range(1500):
    s = random.uniform(1e-3, 1e6)
    e = random.uniform(-2, 2)
    cases.append([s, e, s ** e])
# Fourth column: the correctly rounded value, from 60-digit decimal arithmetic.
cases = [[s, e, p, float((Decimal(e) * Decimal(s).ln()).exp())] for s, e, p in cases]
with open("test/fixtures/python-pow.json", "w") as f:
    json.dump({"source": "[base, exponent, CPython 3.11 base ** exponent (x86_64 glibc pow), correctly rounded value (decimal, 60 digits)]; scripts/generate-python-pow.py", "cases": cases}, f)
print(len(cases), "cases")
