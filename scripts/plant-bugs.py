#!/usr/bin/env python3
"""Plants known kinds of bugs, one at a time, in a scratch copy of the repository and runs the tests that
should catch each (issue 15: "each class above is caught by the suite").

    /usr/bin/python3 scripts/plant-bugs.py [--only NAME,...] [--copy /tmp/fastscale-planted]
    /usr/bin/python3 scripts/plant-bugs.py --list      (the bugs as JSON; test/suite/planted-bugs.test.ts reads it)

Copies the working tree (without .git, node_modules, dist, reports; node_modules linked) to the scratch
folder, then for every bug: edits one source file, runs `npx vitest run --config vitest.mutation.config.ts`
on the bug's test files, records whether a test failed (caught) and which, and restores the file.
Prints a Markdown table; exits 1 if any bug went uncaught or could not be planted (its text is no longer in
the source exactly once: "stale"). The working tree itself is never edited.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# name, file, old text, new text, test files, what the bug is
BUGS = [
    ("group-width-lt5", "src/scaling/rounding.ts", "if (g <= 5) return 4;", "if (g < 5) return 4;",
     ["test/scaling/rounding.test.ts"], "pycls group-width rule `g <= 5` made `g < 5`"),
    ("effnet-floor-16", "src/scaling/rounding.ts", "Math.max(8, Math.floor((target + 4) / 8) * 8)",
     "Math.max(16, Math.floor((target + 4) / 8) * 8)", ["test/scaling/rounding.test.ts"],
     "round_filters' 8-channel floor raised to 16"),
    ("effnet-90-percent-le", "src/scaling/rounding.ts", "rounded < 0.9 * target", "rounded <= 0.9 * target",
     ["test/scaling/rounding.test.ts"], "round_filters' 90% rule `<` made `<=`"),
    ("effnet-test-size", "src/scaling/rounding.ts",
     "return { train, test: nearestEven((train * resolution.test) / resolution.train) };",
     "return { train, test: pyclsResolution(resolution.test, r) };", ["test/scaling/rounding.test.ts"],
     "efficientnet policy's test size rounded like the train size"),
    ("depth-ceil-round", "src/scaling/rounding.ts", "return Math.ceil(depth * multiplier);",
     "return Math.round(depth * multiplier);", ["test/scaling/rounding.test.ts"], "TF round_repeats' ceil made round"),
    ("ties-half-up", "src/internal/python.ts", "return nearest - x === 0.5 && nearest % 2 !== 0 ? nearest - 1 : nearest;",
     "return nearest;", ["test/scaling/rounding.test.ts", "test/spec/compatibility.test.ts"],
     "Python's round half to even made JavaScript's half up"),
    ("se-round-down", "src/families/blocks/pycls.ts", "seWidth: roundHalfEven(inputWidth * seRatio)",
     "seWidth: Math.floor(inputWidth * seRatio)", ["test/families/blocks/pycls.test.ts", "test/scaling/rounding.test.ts"],
     "bottleneck SE width rounded down instead of to nearest"),
    ("effnet-se-rounded", "src/families/efficientnet/widths.ts", "return truncate(inputWidth * seRatio);",
     "return Math.round(inputWidth * seRatio);", ["test/families/efficientnet/pycls-blocks.test.ts"],
     "MBConv SE width rounded instead of truncated"),
    ("compat-no-lcm", "src/spec/compatibility.ts",
     "const quantum = multiplier > 1 ? lcm(cappedGroupWidth, truncate(multiplier)) : cappedGroupWidth;",
     "const quantum = cappedGroupWidth;", ["test/spec/compatibility.test.ts"], "block compatibility without lcm(g, b)"),
    ("regnet-half-up", "src/families/regnet/generate.ts",
     "const width = roundHalfEven((w0 * Math.pow(wm, exponent)) / q) * q;",
     "const width = Math.round((w0 * Math.pow(wm, exponent)) / q) * q;", ["test/families/regnet/generate.test.ts"],
     "generate_regnet's numpy rounding made half up"),
    ("conv-bias-div", "src/network/net.ts", "this.flops += params * positions;",
     "this.flops += (params - biases) * positions + biases / positions;",
     ["test/network/net.test.ts", "test/families/vit/pycls.test.ts"], "a conv bias' flops `*` made `/`"),
    ("blocks-repeats", "src/network/net.ts", "      const repeats = count - 2;", "      const repeats = count - 1;",
     ["test/network/net.test.ts"], "the stage shortcut counts one block too many"),
    ("onnx-add-identity", "src/onnx/sink.ts", "g.node(layer.kind === 'add' ? 'Add' : 'Mul', name, [kept.name, x]);",
     "if (layer.kind === 'add') g.node('Identity', name, [kept.name]); else g.node('Mul', name, [kept.name, x]);",
     ["test/onnx/logits.test.ts"], "ONNX: the residual Add made an Identity"),
    ("onnx-se-relu", "src/onnx/graph.ts", "        this.node('Sigmoid', name, [input]);", "        this.node('Relu', name, [input]);",
     ["test/onnx/logits.test.ts"], "ONNX: squeeze-excite's Sigmoid made a Relu"),
    ("target-no-window", "src/analysis/target.ts", "for (let round = 0; round < WINDOW_ROUNDS; round++) {",
     "for (let round = 0; round < 0; round++) {", ["test/analysis/target.test.ts"], "scaleToTarget's 3% plateau window switched off"),
    ("latency-min-for-median", "src/onnx/timing.ts",
     "const medianMs = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;",
     "const medianMs = sorted[0]!;", ["test/onnx/measure.test.ts"], "the latency median replaced by the minimum"),
    ("effnet-test-size-dimension", "src/scaling/rounding.ts",
     "return policy === 'pycls' ? [train, { multiplier: 'r', base: resolution.test, rule: 'round', unit: 4 }] : [train];",
     "return [train, { multiplier: 'r', base: resolution.test, rule: 'round', unit: 4 }];", ["test/scaling/plateaus.test.ts"],
     "plateau boundaries of the test size under the efficientnet policy, where it follows the training size"),
    ("effnet-fractional-exp", "src/families/efficientnet/scale.ts",
     "if (stage.expansionRatio > 1 && !Number.isInteger(stage.expansionRatio)) {", "if (false) {",
     ["test/scaling/rounding.test.ts"], "pycls policy scales a fractional expansion ratio pycls refuses"),
]


def run(cmd, cwd, timeout=1800):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def copy_tree(target):
    if os.path.exists(target):
        shutil.rmtree(target)
    ignore = shutil.ignore_patterns(".git", "node_modules", "dist", "reports", "scratch", ".stryker-tmp", "docs")
    shutil.copytree(ROOT, target, ignore=ignore)
    os.symlink(os.path.join(ROOT, "node_modules"), os.path.join(target, "node_modules"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only")
    parser.add_argument("--copy", default="/tmp/fastscale-planted")
    parser.add_argument("--list", action="store_true", help="print the bugs as JSON [name, file, old text, new text, tests] and exit")
    args = parser.parse_args()
    if args.list:
        json.dump([[name, path, old, new, tests] for name, path, old, new, tests, _ in BUGS], sys.stdout)
        return
    bugs = [b for b in BUGS if args.only is None or b[0] in args.only.split(",")]
    copy_tree(args.copy)
    rows, missed = [], []
    for name, path, old, new, tests, about in bugs:
        file = os.path.join(args.copy, path)
        original = open(file).read()
        if original.count(old) != 1:
            # The code moved: the bug can no longer be planted as written (a row, not an abort, so the others still run).
            missed.append(name)
            rows.append(f"| {name} | {about} | **stale** | the text to replace is not in {path} exactly once | 0 s |")
            print(rows[-1], flush=True)
            continue
        open(file, "w").write(original.replace(old, new))
        started = time.time()
        try:
            result = run(["npx", "vitest", "run", "--config", "vitest.mutation.config.ts", *tests], args.copy)
        finally:
            open(file, "w").write(original)
        output = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)
        failed = re.search(r"Tests\s+(\d+) failed", output)
        first = re.search(r"FAIL\s+(\S+)\s+>\s+(.*)", output)
        caught = result.returncode != 0 and failed is not None
        if not caught:
            missed.append(name)
        detail = f"{failed.group(1)} failed, e.g. {first.group(1)} > {first.group(2).strip()[:110]}" if caught and first else "not caught"
        rows.append(f"| {name} | {about} | {'caught' if caught else '**missed**'} | {detail} | {time.time() - started:.0f} s |")
        print(rows[-1], flush=True)
    print("\n| bug | what | result | tests | time |\n|---|---|---|---|---|")
    print("\n".join(rows))
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
