#!/usr/bin/python3
"""Runs pycls's own sweep code on sweep files and records what it produces, for test/sweep/.

    /usr/bin/python3 scripts/pycls-sweep-fixtures.py [--pycls DIR] SWEEP.yaml[:seed=chunk,...][@numProc] ... -o OUT_DIR

For each sweep file it writes OUT_DIR/<name>.json with
  chunks: pycls's sample_cfgs(seed) with SETUP.CHUNK_SIZE = chunk: each kept config's key, complexity
          (pycls's net.complexity of the kept config) and full yacs dump;
  setup:  pycls's sweep_setup() with NUM_PROC = numProc, its pool replaced by an in-process map (as the
          reference outputs in ../shared/fixtures/pycls-sweeps were made): files, keys, complexity, dumps;
          with --real-pool, in pycls's own multiprocessing.Pool (written as <name>-pool.json).

pycls is taken from --pycls (a checkout) or extracted from the mirror. Its dependencies that Debian's
Python lacks are stood in for: yacs's CfgNode (a minimal version written here from yacs's documented
behaviour: attribute access, new_allowed, deprecated keys, literal_eval decoding, type-checked merges,
safe_dump), iopath, submitit, yattag and matplotlib (unused by sampling). Each sweep runs in a fresh
process, as pycls's global configs are mutated by loading one.
"""
import argparse
import ast
import contextlib
import copy
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import types

MIRROR = "/work/.mirror/facebookresearch+pycls/repo"


# ----------------------------------------------------------------------------------------------------
# Stand-ins for modules pycls imports.

_LEAF_TYPES = (tuple, list, str, int, float, bool, type(None))


class CfgNode(dict):
    """A minimal yacs CfgNode: what pycls's config and sweep code use of it."""

    def __init__(self, init_dict=None, key_list=None, new_allowed=False):
        init_dict = {} if init_dict is None else init_dict
        key_list = [] if key_list is None else key_list
        items = {}
        for k, v in copy.deepcopy(dict(init_dict)).items():
            if isinstance(v, dict):
                items[k] = CfgNode(v, key_list + [k])
            else:
                assert type(v) in _LEAF_TYPES, "invalid type for key {}: {}".format(".".join(key_list + [str(k)]), type(v))
                items[k] = v
        super().__init__(items)
        self.__dict__["_frozen"] = False
        self.__dict__["_deprecated"] = set()
        self.__dict__["_new_allowed"] = new_allowed

    def __getattr__(self, name):
        if name in self:
            return self[name]
        raise AttributeError(name)

    def __setattr__(self, name, value):
        if self.__dict__["_frozen"]:
            raise AttributeError("immutable config: " + name)
        assert type(value) in _LEAF_TYPES or isinstance(value, CfgNode), "invalid type {}".format(type(value))
        self[name] = value

    def freeze(self):
        self._set_frozen(True)

    def defrost(self):
        self._set_frozen(False)

    def _set_frozen(self, frozen):
        self.__dict__["_frozen"] = frozen
        for v in self.values():
            if isinstance(v, CfgNode):
                v._set_frozen(frozen)

    def is_frozen(self):
        return self.__dict__["_frozen"]

    def clone(self):
        return copy.deepcopy(self)

    def register_deprecated_key(self, key):
        self.__dict__["_deprecated"].add(key)

    def key_is_deprecated(self, full_key):
        return full_key in self.__dict__["_deprecated"]

    def is_new_allowed(self):
        return self.__dict__["_new_allowed"]

    @staticmethod
    def _decode(value):
        if isinstance(value, dict):
            return CfgNode(value)
        if not isinstance(value, str):
            return value
        try:
            return ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return value

    @staticmethod
    def _coerce(replacement, original, full_key):
        if type(replacement) == type(original):
            return replacement
        if (replacement is None and type(original) in _LEAF_TYPES) or (original is None and type(replacement) in _LEAF_TYPES):
            return replacement
        if isinstance(replacement, tuple) and isinstance(original, list):
            return list(replacement)
        if isinstance(replacement, list) and isinstance(original, tuple):
            return tuple(replacement)
        raise ValueError("type mismatch ({} vs {}) for {}".format(type(original), type(replacement), full_key))

    def _merge(self, other, root, key_list):
        for k, v_ in other.items():
            full_key = ".".join(key_list + [k])
            v = self._decode(copy.deepcopy(v_))
            if k in self:
                v = self._coerce(v, self[k], full_key)
                if isinstance(v, CfgNode):
                    self[k]._merge(v, root, key_list + [k])
                else:
                    self[k] = v
            elif self.is_new_allowed():
                self[k] = v
            elif root.key_is_deprecated(full_key):
                continue
            else:
                raise KeyError("Non-existent config key: " + full_key)

    def merge_from_other_cfg(self, other):
        self._merge(other, self, [])

    def merge_from_file(self, filename):
        import yaml

        with open(filename) as f:
            self.merge_from_other_cfg(CfgNode(yaml.safe_load(f)))

    def merge_from_list(self, cfg_list):
        assert len(cfg_list) % 2 == 0
        for full_key, v in zip(cfg_list[0::2], cfg_list[1::2]):
            if self.key_is_deprecated(full_key):
                continue
            keys = full_key.split(".")
            d = self
            for subkey in keys[:-1]:
                assert subkey in d, "Non-existent key: " + full_key
                d = d[subkey]
            assert keys[-1] in d, "Non-existent key: " + full_key
            d[keys[-1]] = self._coerce(self._decode(v), d[keys[-1]], full_key)

    @classmethod
    def load_cfg(cls, f):
        import yaml

        return cls(yaml.safe_load(f.read() if hasattr(f, "read") else f))

    def dump(self, **kwargs):
        import yaml

        def plain(node):
            return {k: plain(v) for k, v in node.items()} if isinstance(node, CfgNode) else node

        return yaml.safe_dump(plain(self), **kwargs)


def install_stubs():
    yacs = types.ModuleType("yacs")
    yacs_config = types.ModuleType("yacs.config")
    yacs_config.CfgNode = CfgNode
    yacs.config = yacs_config
    sys.modules.update({"yacs": yacs, "yacs.config": yacs_config})
    iopath = types.ModuleType("iopath")
    common = types.ModuleType("iopath.common")
    file_io = types.ModuleType("iopath.common.file_io")

    class PathManager:
        def open(self, path, mode="r", **kwargs):
            return open(path, mode)

        def exists(self, path):
            return os.path.exists(path)

        def __getattr__(self, name):
            return getattr(os.path, name, None)

    file_io.PathManagerFactory = types.SimpleNamespace(get=lambda *a, **k: PathManager())
    file_io.g_pathmgr = PathManager()
    sys.modules.update({"iopath": iopath, "iopath.common": common, "iopath.common.file_io": file_io})
    submitit = types.ModuleType("submitit")
    submitit.helpers = types.SimpleNamespace(Checkpointable=object)
    yattag = types.ModuleType("yattag")
    yattag.Doc = object
    yattag.indent = lambda *a, **k: None
    sys.modules.update({"submitit": submitit, "yattag": yattag})
    matplotlib = types.ModuleType("matplotlib")
    for sub in ["pyplot", "lines", "ticker"]:
        module = types.ModuleType("matplotlib." + sub)
        setattr(matplotlib, sub, module)
        sys.modules["matplotlib." + sub] = module
    sys.modules["matplotlib"] = matplotlib


class SerialPool:
    """multiprocessing.Pool run in this process, in order."""

    def __init__(self, *args, **kwargs):
        pass

    def map(self, fun, items):
        return [fun(item) for item in items]

    def starmap(self, fun, items):
        return [fun(*item) for item in items]


# ----------------------------------------------------------------------------------------------------


def complexity_of(cfg_yaml):
    import pycls.core.builders as builders
    import pycls.core.net as net
    from pycls.core.config import cfg, reset_cfg

    reset_cfg()
    cfg.merge_from_other_cfg(CfgNode.load_cfg(cfg_yaml))
    return net.complexity(builders.get_model())


def run_one(pycls_dir, spec, out_dir, real_pool=False):
    sys.path.insert(0, pycls_dir)
    os.environ.setdefault("CONDA_PREFIX", "")  # pycls's sweep config reads it at import
    install_stubs()
    import multiprocessing

    if not real_pool:
        multiprocessing.Pool = SerialPool
    import importlib.util

    import pycls.sweep.config as sweep_config
    from pycls.sweep.config import sweep_cfg

    loader = importlib.util.spec_from_file_location("sweep_setup", os.path.join(pycls_dir, "tools", "sweep_setup.py"))
    sweep_setup = importlib.util.module_from_spec(loader)
    sys.modules["sweep_setup"] = sweep_setup  # so that a real pool's workers can unpickle sample_cfgs
    loader.loader.exec_module(sweep_setup)

    path, _, rest = spec.partition(":")
    chunk_part, _, num_proc = rest.partition("@")
    chunks = [tuple(int(x) for x in c.split("=")) for c in chunk_part.split(",") if c]
    sweep_config.load_cfg(path)
    chunk_size = sweep_cfg.SETUP.CHUNK_SIZE
    result = {"config": os.path.basename(path), "chunks": []}
    for seed, chunk in chunks:
        sweep_cfg.defrost()
        sweep_cfg.SETUP.CHUNK_SIZE = chunk
        cfgs = sweep_setup.sample_cfgs(seed)
        kept = []
        for key, cfg in cfgs.items():
            dumped = cfg.dump()
            kept.append({"key": key, "cx": complexity_of(dumped), "yaml": dumped})
        result["chunks"].append({"seed": seed, "chunk": chunk, "kept": kept})
    if num_proc:
        root = tempfile.mkdtemp()
        sweep_cfg.defrost()
        sweep_cfg.ROOT_DIR = root
        sweep_cfg.NUM_PROC = int(num_proc)
        sweep_cfg.SETUP.CHUNK_SIZE = chunk_size
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            sweep_setup.sweep_setup()
        samples = int(re.findall(r"Number configs sampled: (\d+)", printed.getvalue())[-1])
        sweep_dir = os.path.join(root, sweep_cfg.NAME)
        import yaml

        with open(os.path.join(sweep_dir, "cfgs_summary.yaml")) as f:
            summary_text = f.read()
        summary = yaml.safe_load(summary_text) or {}
        configs = []
        for name in sorted(summary):
            with open(os.path.join(sweep_dir, "cfgs", name)) as f:
                dumped = f.read()
            configs.append({"file": name, "key": summary[name], "cx": complexity_of(dumped), "yaml": dumped})
        result["setup"] = {"numProc": int(num_proc), "samples": samples, "summary": summary_text, "configs": configs}
    name = os.path.splitext(os.path.basename(path))[0] + ("-pool" if real_pool else "")
    if real_pool:
        result["setup"]["pool"] = "multiprocessing"
    with open(os.path.join(out_dir, name + ".json"), "w") as f:
        json.dump(result, f, separators=(",", ":"))
        f.write("\n")
    print("wrote", name, [len(c["kept"]) for c in result["chunks"]], len(result.get("setup", {}).get("configs", [])))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pycls", default=None)
    parser.add_argument("-o", "--out", required=True)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--real-pool", action="store_true", help="run sweep_setup's chunks in a real multiprocessing.Pool")
    parser.add_argument("sweeps", nargs="+")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    if args.one:
        run_one(args.pycls, args.sweeps[0], args.out, args.real_pool)
        return
    pycls_dir = args.pycls
    if pycls_dir is None:
        pycls_dir = tempfile.mkdtemp()
        archive = subprocess.run(["git", "-C", MIRROR, "archive", "HEAD"], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", pycls_dir], input=archive, check=True)
    for spec in args.sweeps:
        extra = ["--real-pool"] if args.real_pool else []
        subprocess.run([sys.executable, __file__, "--one", "--pycls", pycls_dir, "-o", args.out, *extra, spec], check=True)


if __name__ == "__main__":
    main()
