#!/usr/bin/env python3
"""Trains the PyTorch reference's modules exactly as `ftgan train` trains a run config (learning parity).

Usage: reference_train.py EXPORT_DIR --out DIR [--steps N] [--device cpu|cuda] [--threads T] [--reference PATH]

EXPORT_DIR is written by `ftgan reference-export --config RUN.yaml --steps N --out EXPORT_DIR`: the run's
hierarchy and Laplacian, its initial parameters, the normalized training split, the batch order of every
step (content rows, style rows, cls(style)), the loss weights and Adam settings. This script imports the
reference from ../shared/peer/ftgan_ref.py, loads all that into its modules and runs the reference's
training step (generator step, then discriminator step with R1 by double backward, torch.optim.Adam) for
the exported steps, from the same start, in the same order. It writes into DIR:

  metrics.csv        loss means every log_every steps, with the columns of ftgan train's metrics.csv
  parameters/*.npy   the final parameters in the Java layout
  run-config.json    the run config (a copy), so `ftgan eval --parameters DIR` scores them with the Java evaluator
  summary.json       steps, seconds, device, torch version

Both implementations then are measured by one metric code. On a machine with a GPU, --device cuda trains
the reference for long.
"""
import argparse
import json
import os
import shutil
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference_check as rc  # noqa: E402  (the export's loaders and the Java <-> reference name mapping)

# ftgan train's metrics.csv columns (org.ftgan.train.LossTerms.NAMES)
TERMS = ["L_rec", "L_cycle", "L_srec", "L_adv", "L_feat", "L_lap", "L_G", "D_real", "D_fake", "R1", "L_D"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("export", help="directory written by ftgan reference-export")
    ap.add_argument("--out", required=True, help="output directory (created)")
    ap.add_argument("--steps", type=int, help="steps to train (default: all exported)")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--reference", help="path of ftgan_ref.py (default: $FTGAN_REFERENCE, ../shared/peer/ftgan_ref.py)")
    a = ap.parse_args()
    with open(os.path.join(a.export, "manifest.json")) as f:
        manifest = json.load(f)
    if manifest.get("format") != rc.FORMAT or manifest.get("kind") != "training":
        sys.exit(f"reference_train: {a.export}/manifest.json is not a training export of format {rc.FORMAT} "
                 f"(got format {manifest.get('format')}, kind {manifest.get('kind')}); write one with ftgan reference-export")
    if a.device == "cpu":
        torch.set_num_threads(a.threads)
    ref = rc.import_reference(rc.find_reference(a.reference))
    dev, dtype = a.device, torch.float32
    nets, params = rc.load_networks(ref, manifest, a.export, dtype, dev)
    Ec, Es, Dec, D = (nets[k] for k in ("content_encoder", "style_encoder", "decoder", "discriminator"))
    gen_names, dis_names = manifest["parameters"]["generator"], manifest["parameters"]["discriminator"]
    adam = manifest["adam"]

    def optimizer(names):
        return torch.optim.Adam([params[n][0] for n in names], lr=adam["lr"], betas=(adam["beta1"], adam["beta2"]),
                                eps=adam["eps"], weight_decay=adam["weight_decay"])

    optG, optD = optimizer(gen_names), optimizer(dis_names)
    lam = manifest["weights"]
    train = torch.from_numpy(rc.load(a.export, "data", "train.npy")).to(device=dev, dtype=dtype)
    content = torch.from_numpy(rc.load(a.export, "batches", "content.npy").astype(np.int64)).to(dev)
    style = torch.from_numpy(rc.load(a.export, "batches", "style.npy").astype(np.int64)).to(dev)
    classes = torch.from_numpy(rc.load(a.export, "batches", "classes.npy").astype(np.int64)).to(dev)
    nbr = torch.from_numpy(rc.load(a.export, "topology", "laplacian_neighbours.npy").astype(np.int64)).to(dev)
    mask = torch.from_numpy(rc.load(a.export, "topology", "laplacian_mask.npy")).to(device=dev, dtype=dtype)
    steps = a.steps or manifest["steps"]
    if steps > content.shape[0]:
        sys.exit(f"reference_train: --steps {steps}, the export holds {content.shape[0]} steps of batches")
    log_every = manifest["log_every"]

    os.makedirs(a.out, exist_ok=True)
    csv = open(os.path.join(a.out, "metrics.csv"), "w")
    csv.write("step,steps," + ",".join(TERMS) + "\n")
    sums, in_interval = np.zeros(len(TERMS)), 0
    start = time.perf_counter()
    for step in range(steps):
        x, s, ys = train[content[step]], train[style[step]], classes[step]
        # the reference's step(): generator step
        cx, sx, ss = Ec(x), Es(x), Es(s)
        xr = Dec(cx, sx); xt = Dec(cx, ss)
        xc = Dec(Ec(xt), sx)
        lt, ft = D(xt); _, fr = D(xr); _, fx = D(x); _, fs = D(s)
        adv = F.softplus(-lt.gather(1, ys[:, None])).mean()
        feat = (fr - fx.detach()).abs().mean() + (ft - fs.detach()).abs().mean()
        srec = (Es(xt) - ss).abs().mean()
        rec, cyc, lap = ref.avd(xr, x), ref.avd(xc, x), ref.laplacian(xt, nbr, mask)
        lossG = rec + cyc + lam["srec"] * srec + lam["adv"] * adv + lam["feat"] * feat + lam["lap"] * lap
        optG.zero_grad(set_to_none=True); lossG.backward(); optG.step()
        # discriminator step with R1 on reals
        s_req = s.detach().requires_grad_(True)
        lr_, _ = D(s_req); lf, _ = D(xt.detach())
        real = lr_.gather(1, ys[:, None]); fake = lf.gather(1, ys[:, None])
        g, = torch.autograd.grad(real.sum(), s_req, create_graph=True)
        r1 = g.pow(2).flatten(1).sum(1).mean()
        d_real, d_fake = F.softplus(-real).mean(), F.softplus(fake).mean()
        lossD = d_real + d_fake + lam["r1"] / 2 * r1
        optD.zero_grad(set_to_none=True); lossD.backward(); optD.step()

        values = [rec, cyc, srec, adv, feat, lap, lossG, d_real, d_fake, r1, lossD]
        v = np.array([float(t.detach()) for t in values])
        if not np.all(np.isfinite(v)):
            sys.exit(f"reference_train: step {step + 1}: a loss term is not finite: {dict(zip(TERMS, v))}")
        sums += v
        in_interval += 1
        if (step + 1) % log_every == 0 or step + 1 == steps:
            means = sums / in_interval
            csv.write(f"{step + 1},{in_interval}," + ",".join(repr(float(m)) for m in means) + "\n")
            csv.flush()
            sums, in_interval = np.zeros(len(TERMS)), 0
    seconds = time.perf_counter() - start
    csv.close()

    out_params = os.path.join(a.out, "parameters")
    os.makedirs(out_params, exist_ok=True)
    for name, (p, transposed) in params.items():
        t = p.detach().to("cpu", torch.float32)
        java = t.t().contiguous() if transposed else (t.reshape(1, -1) if t.dim() == 1 else t)
        np.save(os.path.join(out_params, name + ".npy"), java.numpy())
    shutil.copyfile(os.path.join(a.export, "run-config.json"), os.path.join(a.out, "run-config.json"))
    with open(os.path.join(a.out, "summary.json"), "w") as f:
        json.dump(dict(steps=steps, seconds=seconds, device=a.device, threads=a.threads, torch=torch.__version__), f, indent=2)
    print(f"trained the reference {steps} steps in {seconds:.1f} s on {a.device}; wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
