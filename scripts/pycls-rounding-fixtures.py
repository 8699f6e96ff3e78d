#!/usr/bin/env python3
"""Writes test/fixtures/pycls-rounding.json: pycls's own rounding (scaler.scale_model, scaling_factors,
blocks.adjust_block_compatibility, regnet.generate_regnet, and the widths its blocks build) on inputs
chosen to land on edges: .5 ties, group widths around 1..8, squeeze-excite products that do not divide,
EfficientNet's 8-channel floor and 90% rule.

pycls has no EfficientNet channel-rounding function (its EN-B1..B5 configs were written by hand from
TensorFlow's EfficientNet); the `roundFilters`/`efficientNet*` sections use TensorFlow's published
round_filters/round_repeats formulas, written out below, and check them against pycls's EN configs.

Run from the repository root: /usr/bin/python3 scripts/pycls-rounding-fixtures.py
"""
import json
import math
import os
import platform
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hook_counts  # noqa: E402
import pycls_env  # noqa: E402

OUT = "test/fixtures/pycls-rounding.json"
CONFIGS = "/work/shared/pycls/configs"

pycls = pycls_env.load()
scaler = pycls.modules["scaler"]
blocks = pycls.modules["blocks"]
regnet = pycls.modules["regnet"]
anynet = pycls.modules["anynet"]
effnet = pycls.modules["effnet"]


def is_tie(x):
    """Whether Python's round(x) is a half-way case (half to even decides it)."""
    return x % 1 == 0.5


# ------------------------------------------------------------------ scale_model on configs ---------

# The fields scale_model may change (the others are copied from the base).
SCALED_KEYS = {
    "anynet": ["DEPTHS", "WIDTHS", "BOT_MULS", "GROUP_WS"],
    "effnet": ["DEPTHS", "WIDTHS", "EXP_RATIOS", "STEM_W", "HEAD_W"],
}


def scaled_section():
    section = pycls.cfg.ANYNET if pycls.cfg.MODEL.TYPE == "anynet" else pycls.cfg.EN
    return {k: section[k] for k in SCALED_KEYS[pycls.cfg.MODEL.TYPE]}


def ties_of_scale(keys, d, w, g, r):
    """Which rounding sites of scale_model land on .5 for this base (our own re-evaluation)."""
    pycls.reset_cfg()
    pycls.merge(keys)
    if pycls.cfg.MODEL.TYPE == "regnet":
        regnet.regnet_cfg_to_anynet_cfg()
    ties = []
    section = pycls.cfg.ANYNET if pycls.cfg.MODEL.TYPE == "anynet" else pycls.cfg.EN
    ties += [f"depth {x} * {d} = {x * d}" for x in section.DEPTHS if is_tie(x * d)]
    ties += [f"width {x} * {w} / 8 = {x * w / 8}" for x in section.WIDTHS if is_tie(x * w / 8)]
    if pycls.cfg.MODEL.TYPE == "anynet":
        groups = [max(1, round(x * g)) for x in section.GROUP_WS or [1] * len(section.DEPTHS)]
        ties += [f"group width {x} * {g} = {x * g}" for x in section.GROUP_WS or [] if is_tie(x * g)]
        ties += [f"group width {x} / 8 = {x / 8}" for x in groups if x > 5 and is_tie(x / 8)]
        groups = [x if x <= 2 else 4 if x <= 5 else round(x / 8) * 8 for x in groups]
        widths = [max(1, round(x * w / 8)) * 8 for x in section.WIDTHS]
        for width, b, group in zip(widths, section.BOT_MULS or [1] * len(widths), groups):
            v = int(max(1, width * b))
            group = int(min(group, v))
            m = int(np.lcm(group, int(b))) if b > 1 else group
            if is_tie(v / m):
                ties.append(f"compatibility {v} / {m} = {v / m}")
    else:
        ties += [f"{name} {x} * {w} / 8 = {x * w / 8}" for name, x in (("stem", section.STEM_W), ("head", section.HEAD_W))
                 if is_tie(x * w / 8)]
    for name in ("TRAIN", "TEST"):
        size = pycls.cfg[name].IM_SIZE
        if is_tie(size * r / 4):
            ties.append(f"{name.lower()} size {size} * {r} / 4 = {size * r / 4}")
    return ties


def run_scale(keys, scale_type, factor):
    pycls.reset_cfg()
    pycls.merge(keys)
    base = pycls.complexity()
    pycls.merge({"MODEL.SCALING_TYPE": scale_type, "MODEL.SCALING_FACTOR": float(factor)})
    record = {"scaleType": scale_type, "factor": factor}
    try:
        factors = scaler.scaling_factors(scale_type, float(factor))
        record["scalingFactors"] = list(factors)
        scaler.scale_model()
    except AssertionError as error:
        record["error"] = f"AssertionError: {error}".rstrip(": ")
        return record, base
    record["modelType"] = pycls.cfg.MODEL.TYPE
    record["scaled"] = scaled_section()
    record["trainImSize"] = pycls.cfg.TRAIN.IM_SIZE
    record["testImSize"] = pycls.cfg.TEST.IM_SIZE
    record["complexity"] = pycls.complexity()
    build_error = built_params_error(record["complexity"])
    if build_error:
        record["buildError"] = build_error
    record["ties"] = ties_of_scale(keys, *factors)
    return record, base


def built_params_error(cx):
    """None when pycls's model for the current cfg builds with cx["params"] parameters, else why not."""
    try:
        with hook_counts.skip_init():
            model = pycls.build()
    except (AssertionError, RuntimeError, ValueError) as error:
        return f"{type(error).__name__}: {error}"
    params = sum(p.numel() for p in model.parameters())
    if params != cx["params"]:
        raise SystemExit(f"built model has {params} params, pycls's complexity {cx['params']}")
    return None


def anynet_keys(**section):
    keys = {"MODEL.TYPE": "anynet", "MODEL.NUM_CLASSES": 1000}
    for k, v in section.items():
        if k in ("TRAIN_IM_SIZE", "TEST_IM_SIZE"):
            keys[k.replace("_IM_SIZE", ".IM_SIZE")] = v
        else:
            keys[f"ANYNET.{k}"] = v
    return keys


def effnet_keys(**section):
    keys = {"MODEL.TYPE": "effnet", "MODEL.NUM_CLASSES": 1000, "MODEL.ACTIVATION_FUN": "silu"}
    for k, v in section.items():
        if k in ("TRAIN_IM_SIZE", "TEST_IM_SIZE"):
            keys[k.replace("_IM_SIZE", ".IM_SIZE")] = v
        else:
            keys[f"EN.{k}"] = v
    return keys


# Hand-made bases whose scaling lands on the edges the suite must get right.
BASES = {
    "anynet-ties": (
        "depths 1,3,5,7 (ties at x0.5, x1.5, x2.5); widths 8..56 (ties at w x1.5 and x2.5); group widths "
        "8, 12, 20, 28 (12/8, 20/8, 28/8 tie); train 228 / test 230 px (ties at r x0.5 and at x1); SE_R 0.0625 (w_in/16: 8 -> "
        "0.5 -> no SE, 24 -> 1.5, 40 -> 2.5)",
        anynet_keys(STEM_TYPE="simple_stem_in", STEM_W=24, BLOCK_TYPE="res_bottleneck_block",
                    DEPTHS=[1, 3, 5, 7], WIDTHS=[8, 24, 40, 56], STRIDES=[2, 2, 2, 2],
                    BOT_MULS=[1.0, 1.0, 1.0, 1.0], GROUP_WS=[8, 12, 20, 28], HEAD_W=0, SE_ON=True,
                    SE_R=0.0625, TRAIN_IM_SIZE=228, TEST_IM_SIZE=230)),
    "anynet-se-stem30": (
        "stem width 30 with SE_R 0.25: the first block's SE width is round(7.5) = 8 (int(7.5) = 7 would "
        "lose params); SE_R 0.1875 elsewhere (40 x 3/16 = 7.5)",
        anynet_keys(STEM_TYPE="simple_stem_in", STEM_W=30, BLOCK_TYPE="res_bottleneck_block",
                    DEPTHS=[1, 2, 4, 2], WIDTHS=[40, 88, 200, 424], STRIDES=[2, 2, 2, 2],
                    BOT_MULS=[1.0, 1.0, 1.0, 1.0], GROUP_WS=[8, 8, 8, 8], HEAD_W=0, SE_ON=True,
                    SE_R=0.1875, TRAIN_IM_SIZE=224, TEST_IM_SIZE=256)),
    "anynet-se-quarter-stem30": (
        "stem width 30, SE_R 0.25 (RegNetY's ratio): 30 x 0.25 = 7.5",
        anynet_keys(STEM_TYPE="simple_stem_in", STEM_W=30, BLOCK_TYPE="res_bottleneck_block",
                    DEPTHS=[1, 3, 6, 6], WIDTHS=[48, 104, 208, 440], STRIDES=[2, 2, 2, 2],
                    BOT_MULS=[1.0, 1.0, 1.0, 1.0], GROUP_WS=[8, 8, 8, 8], HEAD_W=0, SE_ON=True,
                    SE_R=0.25, TRAIN_IM_SIZE=224, TEST_IM_SIZE=256)),
    "anynet-small-groups": (
        "group widths 1, 2, 3, 5 (scaled around 1..8 by g and dWr)",
        anynet_keys(STEM_TYPE="simple_stem_in", STEM_W=32, BLOCK_TYPE="res_bottleneck_block",
                    DEPTHS=[1, 2, 3, 2], WIDTHS=[24, 48, 96, 200], STRIDES=[2, 2, 2, 2],
                    BOT_MULS=[1.0, 1.0, 1.0, 1.0], GROUP_WS=[1, 2, 3, 5], HEAD_W=0, SE_ON=False,
                    SE_R=0.25, TRAIN_IM_SIZE=224, TEST_IM_SIZE=256)),
    "anynet-bottleneck-quarter": (
        "ResNeXt-like: bottleneck 0.25, group widths 4 and 6, res_stem_in, head 1024: compatibility "
        "rounds round(v/m) at ties",
        anynet_keys(STEM_TYPE="res_stem_in", STEM_W=64, BLOCK_TYPE="res_bottleneck_block",
                    DEPTHS=[2, 3, 3, 2], WIDTHS=[80, 192, 384, 720], STRIDES=[1, 2, 2, 2],
                    BOT_MULS=[0.25, 0.25, 0.25, 0.25], GROUP_WS=[4, 6, 6, 4], HEAD_W=1024, SE_ON=False,
                    SE_R=0.25, TRAIN_IM_SIZE=224, TEST_IM_SIZE=256)),
    "anynet-bottleneck-4": (
        "linear bottleneck with bot_mul 4 (lcm(g, 4) in compatibility), res_bottleneck_linear_block",
        anynet_keys(STEM_TYPE="simple_stem_in", STEM_W=16, BLOCK_TYPE="res_bottleneck_linear_block",
                    DEPTHS=[1, 2, 3, 1], WIDTHS=[16, 24, 40, 80], STRIDES=[1, 2, 2, 2],
                    BOT_MULS=[4.0, 4.0, 4.0, 4.0], GROUP_WS=[1, 6, 10, 20], HEAD_W=1280, SE_ON=False,
                    SE_R=0.25, TRAIN_IM_SIZE=224, TEST_IM_SIZE=256)),
    "anynet-basic-cifar": (
        "res_basic_block on res_stem_cifar at 32 px (image ties at r x1.5: 32 x 1.5 / 4 = 12)",
        anynet_keys(STEM_TYPE="res_stem_cifar", STEM_W=16, BLOCK_TYPE="res_basic_block",
                    DEPTHS=[3, 3, 3], WIDTHS=[16, 32, 64], STRIDES=[1, 2, 2], BOT_MULS=[1.0, 1.0, 1.0],
                    GROUP_WS=[1, 1, 1], HEAD_W=0, SE_ON=False, SE_R=0.25, TRAIN_IM_SIZE=32,
                    TEST_IM_SIZE=32)),
    "regnet-x400mf": (
        "pycls's RegNetX-400MF (converted to AnyNet by scale_model): 392/16 = 24.5 in compatibility",
        {"MODEL.TYPE": "regnet", "MODEL.NUM_CLASSES": 1000, "REGNET.DEPTH": 22, "REGNET.W0": 24,
         "REGNET.WA": 24.48, "REGNET.WM": 2.54, "REGNET.GROUP_W": 16}),
    "effnet-ties": (
        "EfficientNet with stem 30 (SE int(30 x 0.25) = 7), widths 8..56 (ties at w x1.5, x2.5), SE_R "
        "0.1875 (40 x 3/16 = 7.5 truncates to 7), head 1276, train 228 / test 230",
        effnet_keys(STEM_W=30, STRIDES=[1, 2, 2, 2], DEPTHS=[1, 3, 5, 7], WIDTHS=[8, 24, 40, 56],
                    EXP_RATIOS=[1, 6, 4, 3], KERNELS=[3, 3, 5, 3], SE_R=0.1875, HEAD_W=1276,
                    TRAIN_IM_SIZE=228, TEST_IM_SIZE=230)),
    "effnet-b0": (
        "pycls's EN-B0",
        "configs/dds_baselines/effnet/EN-B0_dds_8gpu.yaml"),
    "effnet-fractional-exp": (
        "exp ratio 2.5: pycls builds and counts it, but scale_model's compatibility step rejects it",
        effnet_keys(STEM_W=32, STRIDES=[1, 2], DEPTHS=[1, 2], WIDTHS=[16, 24], EXP_RATIOS=[1, 2.5],
                    KERNELS=[3, 5], SE_R=0.25, HEAD_W=640)),
}
SCALE_TYPES = ["d", "w", "g", "r", "dw", "dr", "wr", "dwr", "d1_w8_g8_r1", "d1_w8_r1", "d2_w1_g1_r1"]
FACTORS = [0.25, 0.5, 0.625, 1, 1.5, 2, 2.25, 2.5, 4, 6.25, 16]


def keys_of_yaml(path):
    import yaml

    def flat(prefix, node):
        for k, v in node.items():
            if isinstance(v, dict):
                yield from flat(f"{prefix}{k}.", v)
            else:
                yield f"{prefix}{k}", v

    model_sections = ("MODEL", "ANYNET", "REGNET", "EN", "RESNET")
    config = yaml.safe_load(open(os.path.join(CONFIGS, path[len("configs/"):])))
    keys = dict(flat("", {k: v for k, v in config.items() if k in model_sections}))
    keys["TRAIN.IM_SIZE"] = config["TRAIN"]["IM_SIZE"]
    keys["TEST.IM_SIZE"] = config["TEST"]["IM_SIZE"]
    return keys


def scale_model_sections():
    """(bases, scale records): one record per base x scale type x factor."""
    bases, records = [], []
    for name, (about, keys) in BASES.items():
        source = None
        if isinstance(keys, str):
            source, keys = keys, keys_of_yaml(keys)
        for scale_type in SCALE_TYPES:
            for factor in FACTORS:
                record, base = run_scale(keys, scale_type, factor)
                records.append({"base": name, **record})
        entry = {"name": name, "about": about, "config": keys, "complexity": base}
        pycls.reset_cfg()
        pycls.merge(keys)
        if built_params_error(base):
            raise SystemExit(f"base {name} does not build: {built_params_error(base)}")
        if source:
            entry["from"] = source
        bases.append(entry)
    return bases, records


# ------------------------------------------------------------------ group widths ------------------

GROUP_TARGETS = [0.25, 0.49, 0.5, 0.51, 0.75, 1, 1.25, 1.49, 1.5, 1.51, 2, 2.25, 2.49, 2.5, 2.51, 3, 3.49, 3.5,
                 4, 4.5, 5, 5.25, 5.49, 5.5, 5.51, 6, 6.5, 7, 7.5, 8, 9, 11.5, 11.99, 12, 12.01, 12.5, 19.99, 20,
                 20.01, 27.5, 28, 28.5, 36, 44, 52, 60]
GROUP_BASES = [1, 2, 3, 4, 5, 6, 8, 16, 24, 40, 48, 56, 64, 112, 120]
PAPER_FACTORS = [0.125, 0.25, 0.5, 0.625, 0.75, 1.5, 2, 4, 16]


def group_width_rows():
    """[g, factor, g * factor, scaled group width] from scale_model with type 'g' (its group multiplier
    is the factor itself) on a one-stage AnyNet wide enough that compatibility keeps the group width."""
    cases = [(g, t / g) for g in GROUP_BASES for t in GROUP_TARGETS]
    cases += [(g, f) for g in (8, 16, 24, 40, 48, 56, 64, 112, 120, 232) for f in PAPER_FACTORS]
    rows = []
    for g, factor in cases:
        keys = anynet_keys(STEM_TYPE="simple_stem_in", STEM_W=32, BLOCK_TYPE="res_bottleneck_block",
                           DEPTHS=[1], WIDTHS=[4096], STRIDES=[2], BOT_MULS=[1.0], GROUP_WS=[g], HEAD_W=0,
                           SE_ON=False, SE_R=0.25)
        record, _ = run_scale(keys, "g", factor)
        if record["scalingFactors"][2] != factor:
            raise SystemExit("scaling type g should give the factor as group multiplier")
        rows.append([g, factor, g * factor, record["scaled"]["GROUP_WS"][0]])
    return rows


# ------------------------------------------------------------------ block compatibility -----------

def compatibility_rows():
    """[w, b, g, w', g'] or [w, b, g, error] from blocks.adjust_block_compatibility([w], [b], [g])."""
    rows = []
    for b in (0.25, 0.5, 1.0, 2.0, 4.0):
        for g in (1, 2, 3, 4, 6, 8, 16):
            for w in range(1, 65):
                rows.append(compat_row([w], [b], [g]))
    for w, b, g in [(232, 0.25, 8), (368, 0.25, 8), (400, 1.0, 16), (392, 1.0, 16), (696, 1.0, 24),
                    (16, 0.75, 8), (12, 0.75, 4), (40, 0.3, 4), (24, 1.5, 8), (24, 3.0, 8), (7, 3.0, 3),
                    (10, 2.0, 4), (20, 1.0, 40), (3, 0.25, 1), (1, 0.25, 2), (5, 1.0, 0), (0, 1.0, 8)]:
        rows.append(compat_row([w], [b], [g]))
    return rows


def compat_row(ws, bs, gs):
    try:
        out_ws, _, out_gs = blocks.adjust_block_compatibility(ws, bs, gs)
        return [ws[0], bs[0], gs[0], out_ws[0], out_gs[0]]
    except AssertionError as error:
        return [ws[0], bs[0], gs[0], f"AssertionError: {error}".rstrip(": ")]


# ------------------------------------------------------------------ squeeze-excite widths ---------

SE_RATIOS = [0.25, 0.125, 0.0625, 0.1875, 0.3125, 0.1, 0.2, 0.3, 1 / 3, 0.5, 0.75]


def se_bottleneck_rows():
    """[w_in, se_r, w_in * se_r, w_se] of pycls's BottleneckTransform (0: no SE module built),
    read from the module it builds; with the block's complexity at 14 px."""
    rows = []
    for w_in in list(range(1, 41)) + [42, 46, 50, 58, 74, 90, 106, 122, 138, 250]:
        for se_r in SE_RATIOS:
            params = {"bot_mul": 1.0, "group_w": 8, "se_r": se_r}
            transform = anynet.BottleneckTransform(w_in, 16, 1, params)
            w_se = transform.se.f_ex[0].out_channels if transform.se is not None else 0
            cx = anynet.BottleneckTransform.complexity(
                {"h": 14, "w": 14, "flops": 0, "params": 0, "acts": 0}, w_in, 16, 1, params)
            if sum(p.numel() for p in transform.parameters()) != cx["params"]:
                raise SystemExit("bottleneck params differ from its complexity")
            rows.append([w_in, se_r, w_in * se_r, w_se, cx["flops"], cx["params"], cx["acts"]])
    return rows


def se_mbconv_rows():
    """[w_in, exp_r, se_r, w_exp, w_se, flops, params, acts] of pycls's MBConv (w_out 16, k 3, stride 1,
    14 px), read from the module it builds; or [w_in, exp_r, se_r, error] where torch refuses it."""
    rows = []
    for w_in in [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 15, 16, 18, 20, 22, 24, 26, 28, 30, 34, 38, 40, 42, 46, 50, 58]:
        for exp_r in (1, 6, 4, 3, 0.5, 2.5):
            for se_r in (0.25, 0.0625, 0.1875, 0.3125, 0.1, 0.3, 1 / 3):
                cx_in = {"h": 14, "w": 14, "flops": 0, "params": 0, "acts": 0}
                try:
                    block = effnet.MBConv(w_in, exp_r, 3, 1, se_r, 16)
                except (RuntimeError, ValueError, ZeroDivisionError) as error:
                    rows.append([w_in, exp_r, se_r, f"{type(error).__name__}: {str(error).splitlines()[0]}"])
                    continue
                cx = effnet.MBConv.complexity(cx_in, w_in, exp_r, 3, 1, se_r, 16)
                if sum(p.numel() for p in block.parameters()) != cx["params"]:
                    raise SystemExit("MBConv params differ from its complexity")
                w_exp = block.dwise.in_channels
                w_se = block.se.f_ex[0].out_channels
                rows.append([w_in, exp_r, se_r, w_exp, w_se, cx["flops"], cx["params"], cx["acts"]])
    return rows


# ------------------------------------------------------------------ RegNet generation -------------

def regnet_rows():
    """generate_regnet(wa, w0, wm, d) -> [wa, w0, wm, d, ws, ds, num_stages, total_stages, ws_all]."""
    import yaml

    cases = []
    for sub in ("regnetx", "regnety"):
        folder = os.path.join(CONFIGS, "dds_baselines", sub)
        for name in sorted(os.listdir(folder)):
            r = yaml.safe_load(open(os.path.join(folder, name)))["REGNET"]
            cases.append((r["WA"], r["W0"], r["WM"], r["DEPTH"], f"{sub}/{name}"))
    # Ties by construction: w0 * wm^k / 8 at .5, and log(u/w0)/log(wm) at .5.
    cases += [(8.0, 24, 1.5, 4, "36/8 = 4.5"), (12.0, 8, 2.5, 6, "20/8 = 2.5"), (20.0, 48, 2.25, 8, "108/8 = 13.5"),
              (16.0, 16, 4.0, 3, "log 2 / log 4 = 0.5"), (24.0, 24, 4.0, 6, "log 2 / log 4 = 0.5"),
              (12.0, 24, 2.25, 6, "log 1.5 / log 2.25"), (32.0, 32, 9.0, 5, "log 3 / log 9"),
              (36.0, 40, 2.5, 10, "40*2.5/8 = 12.5"), (0.0, 64, 2.0, 5, "wa = 0"), (8.0, 8, 1.0001, 4, "wm near 1")]
    rs = np.random.RandomState(20210312)
    for _ in range(150):
        w0 = int(rs.randint(1, 33)) * 8
        wa = round(float(rs.uniform(8, 128)), 2)
        wm = round(float(rs.uniform(1.5, 3.0)), 3)
        d = int(rs.randint(6, 31))
        cases.append((wa, w0, wm, d, "random"))
    rows = []
    for wa, w0, wm, d, note in cases:
        ws, ds, num_stages, total_stages, ws_all, ws_cont = regnet.generate_regnet(wa, w0, wm, d)
        rows.append([wa, w0, wm, d, ws, ds, int(num_stages), float(total_stages), ws_all, note])
    return rows


# ------------------------------------------------------------------ EfficientNet (TensorFlow) -----

def round_filters(filters, multiplier, divisor=8):
    """TensorFlow EfficientNet's round_filters (efficientnet_model.py), min_depth = divisor."""
    filters *= multiplier
    new_filters = max(divisor, int(filters + divisor / 2) // divisor * divisor)
    if new_filters < 0.9 * filters:  # never round down by more than 10%
        new_filters += divisor
    return int(new_filters)


def round_repeats(repeats, multiplier):
    """TensorFlow EfficientNet's round_repeats."""
    return int(math.ceil(multiplier * repeats))


EN_COEFFICIENTS = {"B0": (1.0, 1.0, 224), "B1": (1.0, 1.1, 240), "B2": (1.1, 1.2, 260), "B3": (1.2, 1.4, 300),
                   "B4": (1.4, 1.8, 380), "B5": (1.6, 2.2, 456), "B6": (1.8, 2.6, 528), "B7": (2.0, 3.1, 600)}


def round_filters_rows():
    channels = [1, 3, 8, 16, 24, 30, 32, 40, 80, 112, 192, 320, 1280]
    multipliers = [0.1, 0.25, 0.35, 0.5, 0.75, 0.9, 1.0, 1.1, 1.2, 1.4, 1.6, 1.8, 2.0, 2.2, 3.1, 4.3]
    cases = [(c, m) for c in channels for m in multipliers]
    # c*m at the rounding edges: x+4 = 8k (half up), the 90% rule around 35.56 = 32/0.9, the floor of 8.
    cases += [(1, x) for x in (3.0, 4.0, 7.2, 8.0, 11.99, 12.0, 12.01, 20.0, 35.5, 35.55, 35.56, 35.6, 36.0, 44.0,
                               8.88, 8.89, 17.77, 17.78, 26.66, 26.67)]
    # Where 0.9 * c*m equals the rounded value exactly (the `<` of the 90% rule decides).
    for n in (8, 16, 24, 32):
        for c in (8, 16, 24, 32, 40, 48, 64, 80, 96, 112, 128, 160, 192, 256, 320):
            m = n / 0.9 / c
            if 0.9 * (c * m) == n:
                cases.append((c, m))
        # c*m one ulp either side of n / 0.9.
        cases += [(1, math.nextafter(n / 0.9, -math.inf)), (1, n / 0.9), (1, math.nextafter(n / 0.9, math.inf))]
    return [[c, m, c * m, round_filters(c, m)] for c, m in cases]


def efficientnet_variant_rows():
    """EN-B0..B7 from pycls's EN-B0 with TensorFlow's rounding; pycls's EN-Bn config beside it."""
    b0 = keys_of_yaml("configs/dds_baselines/effnet/EN-B0_dds_8gpu.yaml")
    rows = []
    for variant, (w, d, size) in EN_COEFFICIENTS.items():
        keys = dict(b0)
        keys["EN.STEM_W"] = round_filters(b0["EN.STEM_W"], w)
        keys["EN.WIDTHS"] = [round_filters(x, w) for x in b0["EN.WIDTHS"]]
        keys["EN.HEAD_W"] = round_filters(b0["EN.HEAD_W"], w)
        keys["EN.DEPTHS"] = [round_repeats(x, d) for x in b0["EN.DEPTHS"]]
        keys["TRAIN.IM_SIZE"] = size
        path = f"configs/dds_baselines/effnet/EN-{variant}_dds_8gpu.yaml"
        row = {"variant": variant, "widthMult": w, "depthMult": d, "tf": {k: v for k, v in keys.items()
                                                                          if k.startswith("EN.")},
               "trainImSize": size}
        pycls.reset_cfg()
        keys.pop("TEST.IM_SIZE")
        pycls.merge(keys)
        row["complexity"] = pycls.complexity()
        if os.path.exists(os.path.join(CONFIGS, path[len("configs/"):])):
            theirs = keys_of_yaml(path)
            row["pycls"] = {"config": path, "testImSize": theirs["TEST.IM_SIZE"],
                            "sameAsTf": all(theirs.get(k) == v for k, v in keys.items()
                                            if k.startswith("EN.") and k != "EN.SE_R"),
                            "trainImSize": theirs["TRAIN.IM_SIZE"]}
        rows.append(row)
    return rows


def efficientnet_policy_rows():
    """pycls's EN-B0..B5 scaled with pycls's scaling_factors multipliers but TensorFlow's rounding
    (round_filters for stage, stem and head widths, round_repeats for depths; no compatibility step),
    train size as pycls rounds it; complexity by pycls of the result (test size: no reference)."""
    rows = []
    for variant in ("B0", "B1", "B2", "B3", "B4", "B5"):
        base = keys_of_yaml(f"configs/dds_baselines/effnet/EN-{variant}_dds_8gpu.yaml")
        for scale_type in ("d", "w", "r", "dw", "dwr", "d1_w8_g8_r1"):
            for factor in (0.5, 2.0, 4.0, 16.0):
                d, w, _, r = scaler.scaling_factors(scale_type, factor)
                keys = dict(base)
                keys["EN.STEM_W"] = round_filters(base["EN.STEM_W"], w)
                keys["EN.WIDTHS"] = [round_filters(x, w) for x in base["EN.WIDTHS"]]
                keys["EN.HEAD_W"] = round_filters(base["EN.HEAD_W"], w)
                keys["EN.DEPTHS"] = [round_repeats(x, d) for x in base["EN.DEPTHS"]]
                keys["TRAIN.IM_SIZE"] = round(base["TRAIN.IM_SIZE"] * r / 4) * 4
                keys.pop("TEST.IM_SIZE")
                pycls.reset_cfg()
                pycls.merge(keys)
                rows.append({"base": f"EN-{variant}", "scaleType": scale_type, "factor": factor,
                             "multipliers": [d, w, r],
                             "scaled": {k: v for k, v in keys.items() if k.startswith("EN.")},
                             "trainImSize": keys["TRAIN.IM_SIZE"], "complexity": pycls.complexity()})
    return rows


def dumps(value, depth=0):
    compact = lambda v: json.dumps(v, separators=(",", ":"))
    if isinstance(value, dict) and depth < 1:
        return "{\n" + ",\n".join(f"{compact(k)}:{dumps(v, depth + 1)}" for k, v in value.items()) + "\n}"
    if isinstance(value, list) and value and all(isinstance(v, (list, dict)) for v in value):
        return "[\n" + ",\n".join(compact(v) for v in value) + "\n]"
    return compact(value)


def main():
    torch.set_num_threads(1)
    bases, scale_records = scale_model_sections()
    with hook_counts.skip_init():
        out = {
            "about": (
                "pycls's own rounding on edge inputs (pycls code at `source.pycls`, unmodified, via "
                "scripts/pycls_env.py). bases: hand-made base configs (config = pycls keys over pycls's "
                "defaults) and pycls's complexity of each; scaleModel: each base scaled by "
                "scaler.scale_model for every scaleType x factor: scalingFactors [d, w, g, r], the fields "
                "scale_model changes (ANYNET DEPTHS/WIDTHS/BOT_MULS/GROUP_WS, or EN DEPTHS/WIDTHS/"
                "EXP_RATIOS/STEM_W/HEAD_W; a RegNet becomes an AnyNet first), image sizes, pycls's "
                "complexity of the scaled model (pycls's module for it built with exactly that many "
                "parameters, or `buildError` where torch refuses it); `ties` lists "
                "the rounding sites that land on .5 (our own re-evaluation, for orientation); `error` where "
                "pycls asserts. groupWidths: [g, factor, g*factor, scaled group width] (scale_model, type "
                "g). compatibility: [w, b, g, w', g'] or [w, b, g, error] from "
                "blocks.adjust_block_compatibility([w], [b], [g]). seBottleneck: [w_in, se_r, w_in*se_r, "
                "w_se (0: no SE), flops, params, acts] of anynet.BottleneckTransform(w_in, 16, stride 1, "
                "bot_mul 1, group_w 8) at 14 px, w_se read from the built module (int(round(w_in*se_r))). "
                "seMBConv: [w_in, exp_r, se_r, w_exp, w_se, flops, params, acts] of effnet.MBConv(w_in, "
                "exp_r, k 3, stride 1, se_r, w_out 16) at 14 px (int(w_in*exp_r), int(w_in*se_r): "
                "truncation), or [w_in, exp_r, se_r, error] where torch cannot build it. regnet: "
                "[wa, w0, wm, d, ws, ds, num_stages, total_stages, ws_all, note] of "
                "regnet.generate_regnet (numpy rounds half to even). roundFilters: [c, m, c*m, "
                "round_filters(c, m)] with TensorFlow EfficientNet's published round_filters (divisor 8, "
                "min depth 8, +8 when below 90%): pycls has no such function; efficientNetVariants checks "
                "that formula against pycls's EN-B1..B5 configs (sameAsTf); efficientNetPolicy: pycls's "
                "EN configs scaled with pycls's multipliers and TensorFlow's rounding, with pycls's "
                "complexity (no reference exists for the test size there). Every module built here "
                "has as many parameters as pycls's complexity says."
            ),
            "source": {
                "script": "scripts/pycls-rounding-fixtures.py",
                "command": "/usr/bin/python3 scripts/pycls-rounding-fixtures.py",
                "pycls": f"facebookresearch/pycls {pycls.commit}",
                "python": platform.python_version(),
                "numpy": np.__version__,
                "torch": torch.__version__,
            },
            "bases": bases,
            "scaleModel": scale_records,
            "groupWidths": group_width_rows(),
            "compatibility": compatibility_rows(),
            "seBottleneck": se_bottleneck_rows(),
            "seMBConv": se_mbconv_rows(),
            "regnet": regnet_rows(),
            "roundFilters": round_filters_rows(),
            "efficientNetVariants": efficientnet_variant_rows(),
            "efficientNetPolicy": efficientnet_policy_rows(),
        }
    with open(OUT, "w") as f:
        f.write(dumps(out) + "\n")
    for k, v in out.items():
        if isinstance(v, list):
            print(k, len(v))


if __name__ == "__main__":
    main()
