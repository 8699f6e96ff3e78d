"""Counts a PyTorch module tree with forward hooks under pycls's conventions (DOMAIN.md section 10).

flops: multiply-adds of each Conv2d (kh*kw*(c_in/groups)*c_out*h_out*w_out) and Linear (in*out per
location), plus one per output element where the layer has a bias; acts: output elements (batch 1) of
Conv2d, Linear and MaxPool2d; params: every parameter element. nn.MultiheadAttention computes with its
weights directly (its out_proj Linear never runs), so its terms are reported apart, as pycls's
MultiheadAttention.complexity counts them.
"""
import torch
import torch.nn as nn

COUNTED = (nn.Conv2d, nn.Linear, nn.MaxPool2d)
LISTED = COUNTED + (nn.BatchNorm2d, nn.LayerNorm)


def listed_modules(model):
    """(name, module) for modules that own parameters or belong to a counted/listed class."""
    return [
        (name, module)
        for name, module in model.named_modules()
        if isinstance(module, LISTED) or any(True for _ in module.parameters(recurse=False))
    ]


def own_params(module):
    return sum(p.numel() for p in module.parameters(recurse=False))


def _first_tensor(output):
    return output[0] if isinstance(output, tuple) else output


def counted_cost(module, output):
    """(flops, acts) of one call of a counted module, from its output tensor."""
    elements = _first_tensor(output).numel()
    if isinstance(module, nn.Conv2d):
        kh, kw = module.kernel_size
        c_in, c_out = module.in_channels, module.out_channels
        spatial = elements // c_out
        flops = kh * kw * (c_in // module.groups) * c_out * spatial
        if module.bias is not None:
            flops += elements
        return flops, elements
    if isinstance(module, nn.Linear):
        locations = elements // module.out_features
        flops = module.in_features * module.out_features * locations
        if module.bias is not None:
            flops += elements
        return flops, elements
    if isinstance(module, nn.MaxPool2d):
        return 0, elements
    return 0, 0


def attention_terms(name, module, output):
    """[name, seqLen, embedDim, numHeads, inProj, qk, av, outProj] ([flops, acts] each) of one call
    (batch 1) as pycls's MultiheadAttention.complexity counts it, from the attention output (query,
    key and value are often passed as keywords, which forward hooks do not see)."""
    attended = _first_tensor(output)
    seq_len = attended.shape[1] if module.batch_first else attended.shape[0]
    embed, heads = module.embed_dim, module.num_heads
    head_d = embed // heads
    in_proj = [seq_len * (embed * embed * 3 + embed * 3), embed * 3 * seq_len]
    qk = [heads * seq_len * head_d * seq_len, heads * seq_len * seq_len]
    av = [heads * seq_len * seq_len * head_d, heads * seq_len * head_d]
    out_proj = [seq_len * (embed * embed + embed), embed * seq_len]
    return [name, seq_len, embed, heads, in_proj, qk, av, out_proj]


def run_hooks(model, image_size, device):
    """One forward pass of a (1, 3, image_size, image_size) zero input on `device`.
    Returns (names in order, {name: {calls, flops, acts, shape}}, attention rows): names ordered by
    each module's first call (forward pre-hook), never-called ones right after their predecessor in
    named_modules()."""
    listed = listed_modules(model)
    first_calls, records, attention, handles = [], {}, [], []

    for name, module in listed:
        def pre_hook(mod, inputs, name=name):
            if name not in records:
                first_calls.append(name)
                records[name] = {"calls": 0, "flops": 0, "acts": 0, "shape": None}

        def hook(mod, inputs, output, name=name):
            record = records[name]
            record["calls"] += 1
            if isinstance(mod, COUNTED):
                flops, acts = counted_cost(mod, output)
                record["flops"] += flops
                record["acts"] += acts
                record["shape"] = list(_first_tensor(output).shape)
            if isinstance(mod, nn.MultiheadAttention):
                attention.append(attention_terms(name, mod, output))

        handles.append(module.register_forward_pre_hook(pre_hook))
        handles.append(module.register_forward_hook(hook))

    model = model.to(device)
    try:
        with torch.no_grad():
            model(torch.zeros(1, 3, image_size, image_size, device=device))
    finally:
        for handle in handles:
            handle.remove()
    multiple = [n for n, r in records.items() if r["calls"] != 1]
    if multiple:
        raise SystemExit(f"modules called more than once: {multiple}")
    return order_modules(listed, first_calls), records, attention


def order_modules(listed, first_calls):
    """First-call order, with never-called modules right after their predecessor in named_modules()."""
    order = list(first_calls)
    called = set(first_calls)
    previous = None
    for name, _ in listed:
        if name not in called:
            position = order.index(previous) + 1 if previous is not None else 0
            order.insert(position, name)
        previous = name
    return order


def totals(records, attention, model):
    """{flops, params, acts} over hooks plus the attention terms."""
    flops = sum(r["flops"] for r in records.values())
    acts = sum(r["acts"] for r in records.values())
    for row in attention:
        flops += sum(term[0] for term in row[4:8])
        acts += sum(term[1] for term in row[4:8])
    return {"flops": flops, "params": sum(p.numel() for p in model.parameters()), "acts": acts}


class skip_init:
    """Context manager: torch.nn.init's fill functions do nothing (faster builds where only shapes
    matter; parameters keep whatever torch.empty gave them)."""

    NAMES = ("uniform_", "normal_", "trunc_normal_", "constant_", "ones_", "zeros_", "eye_",
             "dirac_", "xavier_uniform_", "xavier_normal_", "kaiming_uniform_", "kaiming_normal_",
             "orthogonal_", "sparse_")

    def __enter__(self):
        self.saved = {n: getattr(nn.init, n) for n in self.NAMES}
        for n in self.NAMES:
            setattr(nn.init, n, lambda tensor, *args, **kwargs: tensor)
        return self

    def __exit__(self, *exc):
        for n, f in self.saved.items():
            setattr(nn.init, n, f)
        return False
