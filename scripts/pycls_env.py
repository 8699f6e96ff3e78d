"""Imports pycls's own code (from the local bare git mirror) without its yacs and iopath dependencies.

pycls is not installed here and neither are yacs and iopath. This module extracts the pycls tree at
the mirror's HEAD into a cache folder, registers minimal stand-ins for `yacs.config.CfgNode` and
`iopath` (our own code: the CfgNode keeps yacs's merge rules that matter for configs: unknown keys
raise KeyError, string values are decoded with ast.literal_eval, a value whose type differs from the
default raises ValueError except list <-> tuple and None), and makes `pycls`, `pycls.core` and
`pycls.models` importable as bare packages so that importing e.g. `pycls.models.vit` does not run
`pycls/models/__init__.py` (which pulls in the model zoo, downloads and distributed training).

Usage (from a script in this folder):
    import pycls_env
    pycls = pycls_env.load()          # a namespace: cfg, reset_cfg, load_cfg, modules, commit
    pycls.reset_cfg(); pycls.cfg.MODEL.TYPE = "vit"; ...
Environment: PYCLS_MIRROR (default /work/.mirror/facebookresearch+pycls/repo) or PYCLS_SRC (an
extracted pycls checkout to use as is).
"""
import ast
import copy
import importlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import types

DEFAULT_MIRROR = "/work/.mirror/facebookresearch+pycls/repo"


class CfgNode(dict):
    """Attribute-access dict with the parts of yacs's CfgNode that pycls's configs use."""

    def __init__(self, init_dict=None):
        super().__init__()
        for key, value in (init_dict or {}).items():
            self[key] = CfgNode(value) if isinstance(value, dict) else value
        self.__dict__["_deprecated"] = set()

    def __getattr__(self, name):
        if name in self:
            return self[name]
        raise AttributeError(name)

    def __setattr__(self, name, value):
        self[name] = value

    def __deepcopy__(self, memo):
        return CfgNode({k: copy.deepcopy(v, memo) for k, v in self.items()})

    def clone(self):
        return copy.deepcopy(self)

    def freeze(self):
        pass

    def defrost(self):
        pass

    def register_deprecated_key(self, key):
        self.__dict__["_deprecated"].add(key)

    @staticmethod
    def load_cfg(stream):
        import yaml

        return CfgNode(yaml.safe_load(stream))

    def merge_from_other_cfg(self, other):
        _merge(other, self, self, [])

    def merge_from_file(self, path):
        with open(path) as f:
            self.merge_from_other_cfg(self.load_cfg(f))

    def dump(self, stream=None):
        import yaml

        def plain(v):
            return {k: plain(x) for k, x in v.items()} if isinstance(v, dict) else v

        return yaml.safe_dump(plain(self), stream)


def _decode(value):
    if isinstance(value, dict):
        return CfgNode(value)
    if not isinstance(value, str):
        return value
    try:
        return ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return value


def _coerce(replacement, original, full_key):
    if type(replacement) is type(original):
        return replacement
    if replacement is None or original is None:
        return replacement
    for source, target in ((tuple, list), (list, tuple)):
        if isinstance(replacement, source) and isinstance(original, target):
            return target(replacement)
    raise ValueError(
        f"Type mismatch ({type(original)} vs. {type(replacement)}) with values "
        f"({original} vs. {replacement}) for config key: {full_key}"
    )


def _merge(a, b, root, key_list):
    for key, value in a.items():
        full_key = ".".join(key_list + [key])
        value = _decode(copy.deepcopy(value))
        if key in b:
            value = _coerce(value, b[key], full_key)
            if isinstance(value, CfgNode):
                _merge(value, b[key], root, key_list + [key])
            else:
                b[key] = value
        elif full_key in root.__dict__["_deprecated"]:
            continue
        else:
            raise KeyError(f"Non-existent config key: {full_key}")


def _install_stubs():
    yacs = types.ModuleType("yacs")
    yacs_config = types.ModuleType("yacs.config")
    yacs_config.CfgNode = CfgNode
    yacs.config = yacs_config
    sys.modules.setdefault("yacs", yacs)
    sys.modules.setdefault("yacs.config", yacs_config)

    class PathManager:
        def open(self, path, mode="r", **kwargs):
            return open(path, mode, **kwargs)

        def exists(self, path):
            return os.path.exists(path)

    iopath = types.ModuleType("iopath")
    common = types.ModuleType("iopath.common")
    file_io = types.ModuleType("iopath.common.file_io")
    file_io.PathManagerFactory = type("PathManagerFactory", (), {"get": staticmethod(PathManager)})
    for name, module in (("iopath", iopath), ("iopath.common", common), ("iopath.common.file_io", file_io)):
        sys.modules.setdefault(name, module)


def _extract(mirror):
    commit = subprocess.check_output(["git", "-C", mirror, "rev-parse", "HEAD"], text=True).strip()
    target = os.path.join("/tmp", f"fastscale-pycls-{commit[:12]}")
    if not os.path.exists(target):
        archive = subprocess.check_output(["git", "-C", mirror, "archive", "HEAD", "pycls"])
        # Extract beside the target and rename: a concurrent run never sees a half-written tree.
        staging = tempfile.mkdtemp(prefix=os.path.basename(target) + ".", dir=os.path.dirname(target))
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            if hasattr(tarfile, "data_filter"):
                tar.extractall(staging, filter="data")
            else:
                tar.extractall(staging)
        try:
            os.rename(staging, target)
        except OSError:  # another run got there first
            shutil.rmtree(staging, ignore_errors=True)
    return target, commit


def _register_package(name, path):
    package = types.ModuleType(name)
    package.__path__ = [path]
    sys.modules[name] = package
    return package


def load():
    """Imports pycls's config and model modules; returns them in a namespace."""
    src = os.environ.get("PYCLS_SRC")
    if src:
        commit = "unknown (PYCLS_SRC)"
    else:
        src, commit = _extract(os.environ.get("PYCLS_MIRROR", DEFAULT_MIRROR))
    _install_stubs()
    _register_package("pycls", os.path.join(src, "pycls"))
    _register_package("pycls.core", os.path.join(src, "pycls", "core"))
    _register_package("pycls.models", os.path.join(src, "pycls", "models"))
    config = importlib.import_module("pycls.core.config")
    models = {
        name: importlib.import_module(f"pycls.models.{name}")
        for name in ("blocks", "anynet", "regnet", "resnet", "effnet", "vit", "scaler")
    }
    # pycls.core.builders.get_model's table (importing builders would pull in distributed training).
    model_classes = {
        "anynet": models["anynet"].AnyNet,
        "effnet": models["effnet"].EffNet,
        "regnet": models["regnet"].RegNet,
        "resnet": models["resnet"].ResNet,
        "vit": models["vit"].ViT,
    }

    def complexity():
        """pycls.core.net.complexity for the model class of cfg.MODEL.TYPE."""
        size = config.cfg.TRAIN.IM_SIZE
        cx = {"h": size, "w": size, "flops": 0, "params": 0, "acts": 0}
        cx = model_classes[config.cfg.MODEL.TYPE].complexity(cx)
        return {"flops": cx["flops"], "params": cx["params"], "acts": cx["acts"]}

    def merge(keys):
        """Sets {"SECTION.KEY": value} with yacs's merge rules (unknown key or type raises)."""
        nested = {}
        for full_key, value in keys.items():
            node = nested
            *parents, leaf = full_key.split(".")
            for part in parents:
                node = node.setdefault(part, {})
            node[leaf] = value
        config.cfg.merge_from_other_cfg(CfgNode(nested))

    def build():
        """pycls.core.builders.get_model without moving to a GPU."""
        return model_classes[config.cfg.MODEL.TYPE]()

    return types.SimpleNamespace(
        cfg=config.cfg,
        reset_cfg=config.reset_cfg,
        load_cfg=config.load_cfg,
        modules=models,
        model_classes=model_classes,
        complexity=complexity,
        merge=merge,
        build=build,
        commit=commit,
        src=src,
    )
