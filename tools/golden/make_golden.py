"""Golden trajectories from torch.optim (float64) for tests/torch_golden.rs.

For each surface (rosenbrock, beale, himmelblau, as in src/core/surface/mod.rs, written as torch
expressions so autograd gives the gradient) and each case below, run 300 steps from the
surface's start and write every point to tests/golden/<surface>.csv as `case,step,x,y`
(step 0 is the start; floats by repr, so they read back bit for bit). tests/golden/cases.json
lists, per surface, the start and each case's optimizer with only the hyperparameters that
differ from the optimizer's defaults: the Rust test starts from `OptimizerSpec::defaults`,
torch from its own defaults, so the two sets of defaults are checked too.

Lion is not in torch.optim: `lion_step` is a torch reimplementation of lucidrains/lion-pytorch's
update. SAM is davda54/sam's two steps (ascend to θ + ρg/(‖g‖ + 1e-12), take the gradient
there, restore θ, step the base optimizer), written out in `sam_step`. Gradient clipping is
`torch.nn.utils.clip_grad_norm_` between backward() and step().

Usage: python3 tools/golden/make_golden.py  (from the repository root; needs torch).
"""

import json
import math
import os
import sys

import torch

STEPS = 300
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "golden")


def rosenbrock(p):
    x, y = p[0], p[1]
    return (1 - x) ** 2 + 100 * (y - x**2) ** 2


def beale(p):
    x, y = p[0], p[1]
    return (
        (1.5 - x + x * y) ** 2
        + (2.25 - x + x * y**2) ** 2
        + (2.625 - x + x * y**3) ** 2
    )


def himmelblau(p):
    x, y = p[0], p[1]
    return (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2


# Per surface: the function, the start, and the learning rate of each optimizer family
# (chosen so that every case moves a good way and none diverges in 300 steps).
SURFACES = {
    "rosenbrock": (
        rosenbrock,
        [-1.5, 2.0],
        {"sgd": 2e-4, "sgd_clip": 1e-3, "adam": 5e-2, "adam_clip": 1e-2, "rmsprop": 3e-3,
         "adagrad": 0.5, "lion": 1e-2},
    ),
    "beale": (
        beale,
        [3.0, 4.0],
        {"sgd": 1e-5, "sgd_clip": 1e-2, "adam": 5e-2, "adam_clip": 2e-2, "rmsprop": 1e-2,
         "adagrad": 0.5, "lion": 1e-2},
    ),
    "himmelblau": (
        himmelblau,
        [-6.0, 0.0],
        {"sgd": 1e-3, "sgd_clip": 5e-3, "adam": 5e-2, "adam_clip": 2e-2, "rmsprop": 1e-2,
         "adagrad": 0.5, "lion": 1e-2},
    ),
}

# (case name, optimizer, learning-rate family, hyperparameters beyond the defaults).
# Keys are basin's preset names, which are torch's keyword names (plus `rho`, `base` for SAM
# and `clip_grad_norm` for the run).
CASES = [
    ("sgd", "sgd", "sgd", {}),
    ("sgd_momentum", "sgd", "sgd", {"momentum": 0.9}),
    ("sgd_dampening", "sgd", "sgd", {"momentum": 0.9, "dampening": 0.5}),
    ("sgd_nesterov", "sgd", "sgd", {"momentum": 0.9, "nesterov": True}),
    ("sgd_weight_decay", "sgd", "sgd", {"weight_decay": 0.1}),
    ("sgd_nesterov_weight_decay", "sgd", "sgd",
     {"momentum": 0.8, "nesterov": True, "weight_decay": 0.05}),
    ("adam", "adam", "adam", {}),
    ("adam_amsgrad", "adam", "adam", {"amsgrad": True}),
    ("adam_weight_decay", "adam", "adam", {"weight_decay": 0.1}),
    ("adam_betas_eps", "adam", "adam", {"betas": [0.8, 0.99], "eps": 1e-3}),
    ("adamw", "adamw", "adam", {}),
    ("adamw_weight_decay_amsgrad", "adamw", "adam", {"weight_decay": 0.5, "amsgrad": True}),
    ("rmsprop", "rmsprop", "rmsprop", {}),
    ("rmsprop_alpha", "rmsprop", "rmsprop", {"alpha": 0.999}),
    ("rmsprop_centered", "rmsprop", "rmsprop", {"centered": True}),
    ("rmsprop_momentum", "rmsprop", "rmsprop", {"momentum": 0.9}),
    ("rmsprop_weight_decay", "rmsprop", "rmsprop", {"weight_decay": 0.1}),
    ("rmsprop_centered_momentum", "rmsprop", "rmsprop",
     {"centered": True, "momentum": 0.5, "weight_decay": 0.01}),
    ("adagrad", "adagrad", "adagrad", {}),
    ("adagrad_lr_decay", "adagrad", "adagrad", {"lr_decay": 0.01}),
    ("adagrad_initial_accumulator", "adagrad", "adagrad", {"initial_accumulator_value": 1e3}),
    ("adagrad_weight_decay", "adagrad", "adagrad", {"weight_decay": 0.1, "eps": 1e-6}),
    ("lion", "lion", "lion", {}),
    ("lion_betas_weight_decay", "lion", "lion", {"betas": [0.95, 0.98], "weight_decay": 0.5}),
    ("sam_sgd_momentum", "sam", "sgd", {"base": "sgd", "momentum": 0.9, "rho": 0.05}),
    ("sam_adam", "sam", "adam", {"base": "adam", "rho": 0.05}),
    ("sgd_clip", "sgd", "sgd_clip", {"clip_grad_norm": 1.0}),
    ("sgd_momentum_clip", "sgd", "sgd_clip", {"momentum": 0.9, "clip_grad_norm": 1.0}),
    ("adam_clip", "adam", "adam_clip", {"clip_grad_norm": 0.5}),
]

TORCH_CLASSES = {
    "sgd": torch.optim.SGD,
    "adam": torch.optim.Adam,
    "adamw": torch.optim.AdamW,
    "rmsprop": torch.optim.RMSprop,
    "adagrad": torch.optim.Adagrad,
}


class Lion(torch.optim.Optimizer):
    """lucidrains/lion-pytorch's update (lr=1e-4, betas=(0.9, 0.99), weight_decay=0)."""

    def __init__(self, params, lr=1e-4, betas=(0.9, 0.99), weight_decay=0.0):
        super().__init__(params, dict(lr=lr, betas=betas, weight_decay=weight_decay))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            lr, wd = group["lr"], group["weight_decay"]
            beta1, beta2 = group["betas"]
            for p in group["params"]:
                state = self.state[p]
                if not state:
                    state["exp_avg"] = torch.zeros_like(p)
                exp_avg = state["exp_avg"]
                p.mul_(1.0 - lr * wd)
                update = exp_avg.clone().mul_(beta1).add(p.grad, alpha=1.0 - beta1).sign_()
                p.add_(update, alpha=-lr)
                exp_avg.mul_(beta2).add_(p.grad, alpha=1.0 - beta2)


def make_optimizer(kind, params, lr, hyper):
    """The torch optimizer for `kind` with only the given hyperparameters set."""
    keys = {k: v for k, v in hyper.items() if k not in ("clip_grad_norm", "rho", "base")}
    if "betas" in keys:
        keys["betas"] = tuple(keys["betas"])
    if kind == "lion":
        return Lion(params, lr=lr, **keys)
    return TORCH_CLASSES[kind](params, lr=lr, **keys)


def sam_step(f, p, base, rho):
    """davda54/sam: first_step, the second forward-backward, second_step."""
    with torch.no_grad():
        grad_norm = torch.norm(torch.stack([p.grad.norm(p=2)]), p=2)
        scale = rho / (grad_norm + 1e-12)
        old_p = p.data.clone()
        e_w = p.grad * scale.to(p)
        p.add_(e_w)
    base.zero_grad()
    f(p).backward()
    with torch.no_grad():
        p.data = old_p
    base.step()


def run(f, start, kind, lr, hyper):
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    base_kind = hyper["base"] if kind == "sam" else kind
    opt = make_optimizer(base_kind, [p], lr, hyper)
    points = [p.detach().clone()]
    for _ in range(STEPS):
        opt.zero_grad()
        f(p).backward()
        if "clip_grad_norm" in hyper:
            torch.nn.utils.clip_grad_norm_([p], hyper["clip_grad_norm"])
        if kind == "sam":
            sam_step(f, p, opt, hyper["rho"])
        else:
            opt.step()
        points.append(p.detach().clone())
    return points


def main():
    torch.set_num_threads(2)
    torch.set_default_dtype(torch.float64)
    manifest = {"torch": torch.__version__, "steps": STEPS, "surfaces": {}}
    problems = []
    for surface, (f, start, lrs) in SURFACES.items():
        cases = []
        rows = ["case,step,x,y"]
        for name, kind, family, hyper in CASES:
            lr = lrs[family]
            points = run(f, start, kind, lr, hyper)
            xy = [(float(q[0]), float(q[1])) for q in points]
            moved = math.dist(xy[0], xy[-1])
            if not all(math.isfinite(v) for pt in xy for v in pt):
                problems.append(f"{surface}/{name}: diverged")
            elif moved < 0.1:
                problems.append(f"{surface}/{name}: moved only {moved:.3g}")
            # A case whose trajectory amplifies a 1e-13 change of the start beyond 1e-9 is
            # chaotic: last-bit differences in the gradient (analytic in basin, autograd
            # here) could then grow past the test's 1e-6, so such lrs are not used.
            nudged = run(f, [start[0] * (1 + 1e-13), start[1] * (1 - 1e-13)], kind, lr, hyper)
            sensitivity = max(
                float((a - b).abs().max()) / max(1.0, float(a.abs().max()))
                for a, b in zip(points, nudged)
            )
            if not sensitivity < 1e-9:
                problems.append(f"{surface}/{name}: chaotic (sensitivity {sensitivity:.2g})")
            loss0 = f(torch.tensor(xy[0])).item()
            loss1 = f(torch.tensor(xy[-1])).item()
            print(f"{surface:11s} {name:28s} lr={lr:<7g} moved {moved:7.3f} "
                  f"loss {loss0:.3g} -> {loss1:.3g}  sensitivity {sensitivity:.1e}")
            for step, (x, y) in enumerate(xy):
                rows.append(f"{name},{step},{x!r},{y!r}")
            cases.append({"name": name, "optimizer": kind, "lr": lr, **hyper})
        manifest["surfaces"][surface] = {"start": start, "cases": cases}
        with open(os.path.join(OUT, f"{surface}.csv"), "w") as out:
            out.write("\n".join(rows) + "\n")
    with open(os.path.join(OUT, "cases.json"), "w") as out:
        json.dump(manifest, out, indent=1)
        out.write("\n")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
