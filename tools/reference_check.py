#!/usr/bin/env python3
"""Replays one exported Java training iteration through the PyTorch reference's modules.

Usage: reference_check.py EXPORT_DIR [--reference PATH/ftgan_ref.py]

EXPORT_DIR is written by `ftgan reference-check` (org.ftgan.referencecheck.ReferenceStepExport):
the topology, the initial parameters, one batch (x, s, cls(s)) and Java's loss terms, gradients and
parameters after the Adam steps. This script imports the reference from ../shared/peer/ftgan_ref.py
(never a copy of it), loads the same topology and parameters into its ContentEncoder, StyleEncoder,
Decoder and Discriminator, runs the reference's generator step and discriminator step (the same
statements as its step(), split where the gradients are compared) and prints, for every loss term,
every gradient and every Adam update, the relative error between the two implementations.

The reference side always runs in float64: it is the exact answer for the exported inputs.
- float64 export: exits 1 if a loss term differs by more than 1e-6 relative, or a gradient or an
  Adam update by more than 1e-5 relative L2.
- float32 export: reports Java's float32 errors beside the reference's own float32 errors (the same
  modules in float32), and exits 1 if the R1 term's parameter gradient (Java: grad - grad_without_r1)
  is off by more than 1e-3 relative L2 from PyTorch's exact double backward.
"""
import argparse
import importlib.util
import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

FORMAT = 1
LOSS_TOL = 1e-6
GRAD_TOL = 1e-5
R1_FLOAT32_TOL = 1e-3
LOSS_NAMES = ["rec", "cycle", "srec", "adv", "feat", "lap", "generator", "real", "fake", "r1", "discriminator"]


def find_reference(explicit):
    """The reference module: --reference, $FTGAN_REFERENCE, then shared/peer/ftgan_ref.py beside the repository."""
    here = os.path.dirname(os.path.abspath(__file__))
    candidates = [explicit, os.environ.get("FTGAN_REFERENCE"),
                  os.path.join(here, "..", "..", "shared", "peer", "ftgan_ref.py"),
                  os.path.join(here, "..", "shared", "peer", "ftgan_ref.py"),
                  "/work/shared/peer/ftgan_ref.py"]  # where these machines keep it, for clones made elsewhere
    for c in candidates:
        if c and os.path.isfile(c):
            return os.path.abspath(c)
    sys.exit("reference_check: ftgan_ref.py not found (tried --reference, $FTGAN_REFERENCE, ../shared/peer/ftgan_ref.py, /work/shared/peer/ftgan_ref.py)")


def import_reference(path):
    spec = importlib.util.spec_from_file_location("ftgan_ref", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load(export, *parts):
    path = os.path.join(export, *parts)
    if not os.path.isfile(path):
        sys.exit(f"reference_check: {path} is missing from the export")
    return np.load(path)


def reference_name(java_name):
    """Maps a Java parameter name to (network, torch parameter name, transposed?)."""
    net, rest = java_name.split(".", 1)
    layer, kind = rest.rsplit(".", 1)
    transpose = kind == "weight"
    parts = layer.split(".")
    if net == "mapping":  # mapping.fcK -> Decoder.mapping.{2K} (Linear, ReLU pairs)
        return "decoder", f"mapping.{2 * int(parts[0][2:])}.{kind}", transpose
    if net == "decoder":
        if parts[0] == "fc":
            return "decoder", f"fc.{kind}", transpose
        if parts[0] == "out":
            return "decoder", f"out.lin.{kind}", transpose
        if parts[0].startswith("res"):
            conv = {"conv1": "c1", "conv2": "c2"}[parts[1]]
            return "decoder", f"res.{parts[0][3:]}.{conv}.lin.{kind}", transpose
        if parts[0].startswith("up"):
            return "decoder", f"ups.{parts[0][2:]}.conv.lin.{kind}", transpose
    if net in ("content_encoder", "style_encoder", "discriminator"):
        if parts[0].startswith("down"):
            return net, f"down.{parts[0][4:]}.conv.lin.{kind}", transpose
        if parts[0].startswith("res"):
            conv = {"conv1": "c1", "conv2": "c2"}[parts[1]]
            return net, f"res.{parts[0][3:]}.{conv}.lin.{kind}", transpose
        if parts[0] in ("fc0", "fc1"):  # Linear, ReLU, Linear
            return net, f"mlp.{2 * int(parts[0][2:])}.{kind}", transpose
        if parts[0] == "classifier":
            return net, f"cls.{kind}", transpose
    sys.exit(f"reference_check: no reference parameter for Java parameter '{java_name}'")


def to_torch_layout(array, transpose):
    a = torch.from_numpy(np.ascontiguousarray(array))
    if a.dim() == 2 and a.shape[0] == 1 and not transpose:  # bias [1, out] -> [out]
        return a.reshape(-1)
    return a.t().contiguous() if transpose else a


def load_networks(ref, manifest, export, dtype, device="cpu"):
    """The reference's four networks on the exported topology, holding the exported initial parameters.

    Returns (nets, params): nets by Java network name, params by Java parameter name as (tensor, transposed?).
    """
    c = manifest["config"]
    if c["spiral_length"] != ref.L:
        sys.exit(f"reference_check: export has spiral length {c['spiral_length']}, the reference fixes L = {ref.L}")
    if c["style_hidden"] != 128:
        sys.exit(f"reference_check: export has style encoder width {c['style_hidden']}, the reference fixes 128")
    cfg = dict(V=c["V"], ch=c["ch"], content=c["content"], style=c["style"], mlp_hidden=c["mlp_hidden"],
               mapping=c["mapping"], classes=c["classes"])
    n = len(c["ch"])
    spirals = [torch.from_numpy(load(export, "topology", f"spiral{i}.npy").astype(np.int64)).to(device) for i in range(n + 1)]
    downs = [torch.from_numpy(load(export, "topology", f"down{i}.npy").astype(np.int64)).to(device) for i in range(n)]
    ups = [(torch.from_numpy(load(export, "topology", f"up_index{i}.npy").astype(np.int64)).to(device),
            torch.from_numpy(load(export, "topology", f"up_weight{i}.npy")).to(device=device, dtype=dtype)) for i in range(n)]
    topo = ref.Topo(spirals, downs, ups)
    torch.manual_seed(0)  # the reference's initialisation, overwritten below by the exported parameters
    nets = dict(content_encoder=ref.ContentEncoder(cfg, topo), style_encoder=ref.StyleEncoder(cfg, topo),
                decoder=ref.Decoder(cfg, topo), discriminator=ref.Discriminator(cfg, topo))
    for m in nets.values():
        m.to(device=device, dtype=dtype)
    params = {}
    loaded = set()
    for name in manifest["parameters"]["generator"] + manifest["parameters"]["discriminator"]:
        net, pname, transpose = reference_name(name)
        p = dict(nets[net].named_parameters())[pname]
        value = to_torch_layout(load(export, "initial", name + ".npy"), transpose).to(device=device, dtype=dtype)
        if value.shape != p.shape:
            sys.exit(f"reference_check: {name} has shape {tuple(value.shape)} in the export, "
                     f"the reference's {net}.{pname} {tuple(p.shape)}")
        with torch.no_grad():
            p.copy_(value)
        params[name] = (p, transpose)
        loaded.add(id(p))
    for net, m in nets.items():
        for pname, p in m.named_parameters():
            if id(p) not in loaded:
                sys.exit(f"reference_check: the reference's {net}.{pname} has no counterpart in the export")
    return nets, params


def java_layout(param_and_transposed, tensor):
    """A parameter-shaped tensor (value, gradient) flattened in the Java layout, as float64 numpy."""
    t = tensor.detach()
    return (t.t() if param_and_transposed[1] else t).reshape(-1).to(torch.float64).cpu().numpy()


class Replay:
    """The reference's networks on the exported topology and parameters, in one dtype."""

    def __init__(self, ref, manifest, export, dtype):
        self.nets, self.params = load_networks(ref, manifest, export, dtype)
        self.dtype = dtype
        self.ref = ref
        self.generator_names = manifest["parameters"]["generator"]
        self.discriminator_names = manifest["parameters"]["discriminator"]
        # A bias added just before an instance norm (IN or AdaIN) cancels in the norm's mean: its exact
        # gradient is 0 and both implementations return roundoff. Its error is measured against the
        # gradient of the same convolution's weight instead of its own (vanishing) norm.
        self.normalized_bias = {}
        torch_to_java = {(reference_name(n)[0], reference_name(n)[1]): n
                         for n in self.generator_names + self.discriminator_names}
        for net, module in self.nets.items():
            for prefix, m in module.named_modules():
                pairs = []
                if isinstance(m, ref.SpiralBlock):
                    pairs = [("conv", m.norm)]
                elif isinstance(m, ref.SpiralResBlock):
                    pairs = [("c1", m.n1), ("c2", m.n2)]
                for conv, norm in pairs:
                    if norm.kind != "none":
                        bias = torch_to_java[(net, f"{prefix}.{conv}.lin.bias")]
                        self.normalized_bias[bias] = torch_to_java[(net, f"{prefix}.{conv}.lin.weight")]
        self.x = torch.from_numpy(load(export, "batch", "x.npy")).to(dtype)
        self.s = torch.from_numpy(load(export, "batch", "s.npy")).to(dtype)
        self.ys = torch.from_numpy(load(export, "batch", "classes.npy").astype(np.int64))
        self.nbr = torch.from_numpy(load(export, "topology", "laplacian_neighbours.npy").astype(np.int64))
        self.mask = torch.from_numpy(load(export, "topology", "laplacian_mask.npy")).to(dtype)
        self.lam = manifest["weights"]
        a = manifest["adam"]
        gen_params = [self.params[n][0] for n in self.generator_names]
        dis_params = [self.params[n][0] for n in self.discriminator_names]
        self.optG = torch.optim.Adam(gen_params, lr=a["lr"], betas=(a["beta1"], a["beta2"]), eps=a["eps"],
                                     weight_decay=a["weight_decay"])
        self.optD = torch.optim.Adam(dis_params, lr=a["lr"], betas=(a["beta1"], a["beta2"]), eps=a["eps"],
                                     weight_decay=a["weight_decay"])

    def java_layout(self, name, tensor):
        return java_layout(self.params[name], tensor)

    def run(self):
        """The reference's step(): generator step, then discriminator step with R1 on reals."""
        ref, lam, F_ = self.ref, self.lam, F
        Ec, Es, Dec, D = (self.nets[k] for k in ("content_encoder", "style_encoder", "decoder", "discriminator"))
        x, s, ys = self.x, self.s, self.ys
        out = dict(losses={}, grad={}, r1_grad={}, update={})
        initial = {n: p.detach().clone() for n, (p, _) in self.params.items()}
        # generator step
        cx, sx, ss = Ec(x), Es(x), Es(s)
        xr = Dec(cx, sx); xt = Dec(cx, ss)
        xc = Dec(Ec(xt), sx)
        lt, ft = D(xt); _, fr = D(xr); _, fx = D(x); _, fs = D(s)
        adv = F_.softplus(-lt.gather(1, ys[:, None])).mean()
        feat = (fr - fx.detach()).abs().mean() + (ft - fs.detach()).abs().mean()
        srec = (Es(xt) - ss).abs().mean()
        rec, cyc, lap = ref.avd(xr, x), ref.avd(xc, x), ref.laplacian(xt, self.nbr, self.mask)
        lossG = rec + cyc + lam["srec"] * srec + lam["adv"] * adv + lam["feat"] * feat + lam["lap"] * lap
        self.optG.zero_grad(set_to_none=True); lossG.backward()
        for n in self.generator_names:
            out["grad"][n] = self.java_layout(n, self.params[n][0].grad)
        self.optG.step()
        # discriminator step with R1 on reals
        s_req = s.detach().requires_grad_(True)
        lr_, _ = D(s_req); lf, _ = D(xt.detach())
        real = lr_.gather(1, ys[:, None]); fake = lf.gather(1, ys[:, None])
        g, = torch.autograd.grad(real.sum(), s_req, create_graph=True)
        r1 = g.pow(2).flatten(1).sum(1).mean()
        realL, fakeL = F_.softplus(-real).mean(), F_.softplus(fake).mean()
        lossD = realL + fakeL + lam["r1"] / 2 * r1
        dis_params = [self.params[n][0] for n in self.discriminator_names]
        r1_grads = torch.autograd.grad(lam["r1"] / 2 * r1, dis_params, retain_graph=True, allow_unused=True)
        for n, gr in zip(self.discriminator_names, r1_grads):
            out["r1_grad"][n] = self.java_layout(n, gr if gr is not None else torch.zeros_like(self.params[n][0]))
        self.optD.zero_grad(set_to_none=True); lossD.backward()
        for n in self.discriminator_names:
            out["grad"][n] = self.java_layout(n, self.params[n][0].grad)
        self.optD.step()
        for n, (p, _) in self.params.items():
            out["update"][n] = self.java_layout(n, p - initial[n])
        values = dict(rec=rec, cycle=cyc, srec=srec, adv=adv, feat=feat, lap=lap, generator=lossG, real=realL,
                      fake=fakeL, r1=r1, discriminator=lossD)
        out["losses"] = {k: float(v.detach()) for k, v in values.items()}
        return out


def relative(a, b, scale_of=None):
    """|a - b| / |b| for scalars, ||a - b|| / ||b|| for arrays (or / ||scale_of|| where given); 0 when both are exactly zero."""
    a = np.asarray(a, dtype=np.float64).reshape(-1)
    b = np.asarray(b, dtype=np.float64).reshape(-1)
    diff = np.linalg.norm(a - b)
    scale = np.linalg.norm(b if scale_of is None else scale_of)
    if scale == 0:
        return 0.0 if diff == 0 else math.inf
    return float(diff / scale)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("export", help="directory written by ftgan reference-check")
    ap.add_argument("--reference", help="path of ftgan_ref.py (default: $FTGAN_REFERENCE, ../shared/peer/ftgan_ref.py)")
    a = ap.parse_args()
    with open(os.path.join(a.export, "manifest.json")) as f:
        manifest = json.load(f)
    if manifest.get("format") != FORMAT:
        sys.exit(f"reference_check: {a.export}/manifest.json has format {manifest.get('format')}, this checker reads {FORMAT}")
    ref_path = find_reference(a.reference)
    ref = import_reference(ref_path)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    dtype = manifest["dtype"]
    replay = Replay(ref, manifest, a.export, torch.float64)
    exact = replay.run()
    peer32 = Replay(ref, manifest, a.export, torch.float32).run() if dtype == "float32" else None

    java = dict(losses=manifest["losses"], grad={}, r1_grad={}, update={})
    for n in manifest["parameters"]["generator"] + manifest["parameters"]["discriminator"]:
        java["grad"][n] = load(a.export, "grad", n + ".npy").astype(np.float64).reshape(-1)
        java["update"][n] = (load(a.export, "final", n + ".npy").astype(np.float64)
                             - load(a.export, "initial", n + ".npy").astype(np.float64)).reshape(-1)
    for n in manifest["parameters"]["discriminator"]:
        java["r1_grad"][n] = java["grad"][n] - load(a.export, "grad_without_r1", n + ".npy").astype(np.float64).reshape(-1)

    print(f"reference: {ref_path} (torch {torch.__version__})")
    print(f"export: {a.export} ({manifest['config']['name']}, Java in {dtype}, batch {manifest['batch']}, seed {manifest['seed']}); "
          f"reference in float64" + (", and in float32 for its own rounding error" if peer32 else ""))
    failures = []

    def row(kind, name, err, tol, peer_err=None):
        bad = not (err <= tol) if tol is not None else not math.isfinite(err)
        if bad:
            failures.append(f"{kind} {name}: {err:.3e}" + (f" > {tol:.0e}" if tol is not None else ""))
        peer = f"  reference float32 {peer_err:.3e}" if peer_err is not None else ""
        limit = f" (tolerance {tol:.0e})" if tol is not None else ""
        print(f"  {'FAIL' if bad else 'ok  '} {name:<42} {err:.3e}{limit}{peer}")

    gated = dtype == "float64"
    sections = [("loss", "loss terms (relative)", LOSS_NAMES, LOSS_TOL),
                ("grad", "gradients before the Adam steps (relative L2)", None, GRAD_TOL),
                ("update", "Adam updates, final - initial parameters (relative L2)", None, GRAD_TOL)]
    for key, title, names, tol in sections:
        print(title + ":")
        keys = names if names is not None else list(java[key].keys())
        for n in keys:
            if key == "loss":
                err = relative(java["losses"][n], exact["losses"][n])
                peer = relative(peer32["losses"][n], exact["losses"][n]) if peer32 else None
            else:
                # a normalized bias is measured against its convolution weight's gradient (or update)
                scale = exact[key][replay.normalized_bias[n]] if n in replay.normalized_bias else None
                err = relative(java[key][n], exact[key][n], scale)
                peer = relative(peer32[key][n], exact[key][n], scale) if peer32 else None
                if scale is not None:
                    n += " (vs its weight's)"
            row(key, n, err, tol if gated else None, peer)
    print("R1 term's parameter gradient, Java (forward-over-reverse) against exact double backward (relative L2):")
    r1_java = np.concatenate([java["r1_grad"][n] for n in manifest["parameters"]["discriminator"]])
    r1_exact = np.concatenate([exact["r1_grad"][n] for n in manifest["parameters"]["discriminator"]])
    r1_peer = (relative(np.concatenate([peer32["r1_grad"][n] for n in manifest["parameters"]["discriminator"]]), r1_exact)
               if peer32 else None)
    row("r1", "all discriminator parameters", relative(r1_java, r1_exact), GRAD_TOL if gated else R1_FLOAT32_TOL, r1_peer)
    if failures:
        print(f"reference check FAILED ({len(failures)}):")
        for f_ in failures:
            print("  " + f_)
        return 1
    print("reference check passed" + (" (float64 tolerances: loss 1e-6, gradients and updates 1e-5)" if gated
                                      else f" (float32: reported; R1 within {R1_FLOAT32_TOL:.0e})"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
