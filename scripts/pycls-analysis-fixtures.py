#!/usr/bin/python3
"""Reference numbers from pycls's sweep analysis (pycls/sweep/analysis.py, plotting.py's EDF) and from the
normalized EDF of "On Network Design Spaces" (its notebooks' compute_norm_ws), for test/sweep/analysis.test.ts.

    /usr/bin/python3 scripts/pycls-analysis-fixtures.py [--pycls DIR]

The records are the 32 configs of the reference cifar_regnet sweep (test/fixtures/pycls-sweeps/
pub_full_regnet.json) with made-up errors and epoch times; they are written to
test/fixtures/pycls-sweeps/analysis-records.json (the record format fastscale reads), and pycls's answers
to test/fixtures/pycls-sweeps/analysis.json.
"""
import argparse
import importlib.util
import json
import os
import subprocess
import tempfile

import numpy as np
import yaml

MIRROR = "/work/.mirror/facebookresearch+pycls/repo"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "test", "fixtures", "pycls-sweeps")


def load_analysis(pycls_dir):
    if pycls_dir is None:
        pycls_dir = tempfile.mkdtemp()
        archive = subprocess.run(["git", "-C", MIRROR, "archive", "HEAD"], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", pycls_dir], input=archive, check=True)
    spec = importlib.util.spec_from_file_location("analysis", os.path.join(pycls_dir, "pycls", "sweep", "analysis.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def compute_norm_ws(cs, num_bins, c_range):
    """The NDS notebooks' normalized EDF weights (facebookresearch/nds, notebooks/complexity.ipynb)."""
    hist, edges = np.histogram(cs, bins=num_bins, range=c_range)
    inds = np.digitize(cs, bins=edges) - 1
    assert np.count_nonzero(hist) == num_bins
    return 1 / hist[inds] / num_bins


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pycls", default=None)
    args = parser.parse_args()
    analysis = load_analysis(args.pycls)

    with open(os.path.join(FIXTURES, "pub_full_regnet.json")) as f:
        configs = json.load(f)["configs"]
    rs = np.random.RandomState(123)
    records, sweep = [], []
    for c in configs:
        cfg = yaml.safe_load(c["yaml"])
        # Errors that depend on the config (deeper and wider is better) plus noise, rounded as pycls logs them.
        error = round(7.5 - 0.05 * cfg["REGNET"]["DEPTH"] - 0.002 * cfg["REGNET"]["W0"] + rs.normal(0, 0.3), 3)
        epoch_time = round(10 + c["cx"]["flops"] / 2e7 + rs.uniform(0, 1), 2)
        records.append({"error": error, "config": c["yaml"], "complexity": c["cx"], "metrics": {"epoch_time": epoch_time}})
        sweep.append({
            "cfg": cfg,
            "complexity": c["cx"],
            "test_ema_epoch": {"min_top1_err": [error + 1.0, error]},
            "train_epoch": {"time_epoch": [epoch_time]},
        })
    analysis.metrics_info["epoch_time"] = ["train_epoch.time_epoch", "epoch total time (s)", np.mean]

    metrics = ["regnet_depth", "regnet_w0", "regnet_wa", "regnet_wm", "regnet_gw", "flops", "params", "acts", "lr", "epoch_time"]
    filters = []
    for seed, alpha, sample, b in [(0, 5, 0.25, 2500), (1, 5, 0.25, 2500), (7, 10, 0.5, 500), (3, 5, 5, 300), (11, 1, 1.0, 100)]:
        np.random.seed(seed)
        result = analysis.get_filters(sweep, metrics, alpha=alpha, sample=sample, b=b)
        filters.append({"seed": seed, "alpha": alpha, "sample": sample, "bootstraps": b, "metrics": metrics,
                        "result": {k: [float(x) for x in v] for k, v in result.items()}})
    applied = []
    for f in filters[:3]:
        kept = analysis.apply_filters(sweep, {k: f["result"][k] for k in ["regnet_wm", "flops"]})
        applied.append({"filters": {k: f["result"][k] for k in ["regnet_wm", "flops"]}, "kept": [sweep.index(d) for d in kept]})

    errs = sorted(analysis.get_vals(sweep, "error"))
    edf = np.cumsum(np.ones(len(errs)) / len(errs))
    plain = [[float(e), float(p)] for e, p in zip(errs, edf)]

    normalized = []
    for metric, bins, c_range in [("flops", 4, (0.12e9, 0.13e9)), ("params", 3, (0.7e6, 2.0e6)), ("acts", 3, (0.76e6, 1.0e6))]:
        cx = np.array([d["complexity"][metric] for d in sweep], dtype=float)
        err = np.array(analysis.get_vals(sweep, "error"))
        inside = (cx > c_range[0]) & (cx < c_range[1])
        err, cx = err[inside], cx[inside]
        inds = np.argsort(err, kind="stable")
        err, cx = err[inds], cx[inds]
        ws = compute_norm_ws(cx, bins, c_range)
        normalized.append({"metric": metric, "bins": bins, "range": list(c_range),
                           "result": [[float(e), float(p)] for e, p in zip(err, np.cumsum(ws))]})

    with open(os.path.join(FIXTURES, "analysis-records.json"), "w") as f:
        json.dump(records, f, indent=1)
        f.write("\n")
    with open(os.path.join(FIXTURES, "analysis.json"), "w") as f:
        json.dump({"generator": "scripts/pycls-analysis-fixtures.py", "filters": filters, "applied": applied, "edf": plain,
                   "normalized": normalized}, f, indent=1)
        f.write("\n")
    print("wrote analysis fixtures:", len(records), "records")


if __name__ == "__main__":
    main()
