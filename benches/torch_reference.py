"""PyTorch reference timings for basin's network benches (benches/network.rs).

Not run by `cargo test` or `cargo bench`: run it by hand to compare basin with PyTorch on the
same CPU, and record both in BENCHMARKS.md.

    pip install torch numpy
    python3 benches/torch_reference.py

The workloads match `cargo bench --bench network` shape for shape: the `moons` preset's
network (2-32-32-1 tanh, BCE with logits, float32, PyTorch's default nn.Linear init), 512
training and 512 test points, and
  - one B = 32 mini-batch gradient (forward + backward);
  - one full-batch loss over the 512 training points (no autograd);
  - the preset's two runs (SGD lr 0.1 momentum 0.9, Adam lr 0.01; batch 64; 300 steps), with
    the full-batch train and test loss recorded after every step, as basin's training loop does;
  - a 101² (and 26²) landscape grid on a filter-normalized random plane through the final
    weights: each cell one full-batch forward pass at theta + a*d1 + b*d2, cells evaluated
    in chunks as one batched matmul per layer (the fastest plain-PyTorch way).
The data are drawn like sklearn's make_moons (noise 0.1); the numbers timed do not depend on
the exact points. Threads: torch.set_num_threads(2), the machine's 2 cores. Each figure is the
median of repeated runs after a warm-up.
"""

import math
import statistics
import time

import numpy as np
import torch
from torch import nn

torch.set_num_threads(2)
torch.manual_seed(7)
rng = np.random.default_rng(7)


def moons(n, noise):
    a = n // 2
    b = n - a
    t0 = rng.uniform(0, math.pi, a)
    t1 = rng.uniform(0, math.pi, b)
    x = np.concatenate([np.stack([np.cos(t0), np.sin(t0)], 1),
                        np.stack([1 - np.cos(t1), 0.5 - np.sin(t1)], 1)])
    x += rng.normal(0, noise, x.shape)
    y = np.concatenate([np.zeros(a), np.ones(b)])
    return torch.tensor(x - x.mean(0), dtype=torch.float32), torch.tensor(y, dtype=torch.float32)


x_train, y_train = moons(512, 0.1)
x_test, y_test = moons(512, 0.1)


def net():
    return nn.Sequential(nn.Linear(2, 32), nn.Tanh(), nn.Linear(32, 32), nn.Tanh(), nn.Linear(32, 1))


loss_fn = nn.BCEWithLogitsLoss()


def median_time(f, repeats, warmup=3):
    for _ in range(warmup):
        f()
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def fmt(seconds):
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


model = net()
xb, yb = x_train[:32], y_train[:32]


def one_gradient():
    model.zero_grad(set_to_none=True)
    loss_fn(model(xb).squeeze(1), yb).backward()


def one_full_loss():
    with torch.no_grad():
        loss_fn(model(x_train).squeeze(1), y_train)


def train_runs():
    for make_opt in (lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9),
                     lambda p: torch.optim.Adam(p, lr=0.01)):
        torch.manual_seed(7)
        m = net()
        opt = make_opt(m.parameters())
        g = torch.Generator().manual_seed(1)
        perm = torch.randperm(512, generator=g)
        at = 0
        record = []
        for _ in range(300):
            if at + 64 > 512:
                perm = torch.randperm(512, generator=g)
                at = 0
            idx = perm[at:at + 64]
            at += 64
            opt.zero_grad(set_to_none=True)
            loss_fn(m(x_train[idx]).squeeze(1), y_train[idx]).backward()
            opt.step()
            with torch.no_grad():
                record.append((loss_fn(m(x_train).squeeze(1), y_train).item(),
                               loss_fn(m(x_test).squeeze(1), y_test).item()))
    return record


def flat_params(m):
    return [p.detach().clone() for p in m.parameters()]


def filter_normalized(params):
    out = []
    for p in params:
        d = torch.randn_like(p)
        if p.dim() == 2:  # weights: each row (one output neuron) gets the norm of theta's row
            d = d / d.norm(dim=1, keepdim=True) * p.norm(dim=1, keepdim=True)
        else:  # biases: zero
            d = torch.zeros_like(p)
        out.append(d)
    return out


def landscape(side, theta, d1, d2, chunk=256):
    """Loss at theta + a d1 + b d2 on a side x side grid, cells batched through the layers."""
    coords = torch.linspace(-1, 1, side)
    aa, bb = torch.meshgrid(coords, coords, indexing="xy")
    a = aa.reshape(-1)
    b = bb.reshape(-1)
    values = torch.empty(side * side)
    with torch.no_grad():
        for s in range(0, side * side, chunk):
            ca = a[s:s + chunk].view(-1, 1, 1)
            cb = b[s:s + chunk].view(-1, 1, 1)
            h = x_train.unsqueeze(0).expand(ca.shape[0], -1, -1)
            for k in range(0, len(theta), 2):
                w = theta[k] + ca * d1[k] + cb * d2[k]  # [c, out, in]
                bias = theta[k + 1] + ca.view(-1, 1) * d1[k + 1] + cb.view(-1, 1) * d2[k + 1]
                h = torch.baddbmm(bias.unsqueeze(1), h, w.transpose(1, 2))
                if k + 2 < len(theta):
                    h = torch.tanh(h)
            logits = h.squeeze(2)
            loss = nn.functional.binary_cross_entropy_with_logits(
                logits, y_train.expand_as(logits), reduction="none").mean(1)
            values[s:s + chunk] = loss
    return values.view(side, side)


theta = flat_params(model)
torch.manual_seed(11)
d1 = filter_normalized(theta)
d2 = filter_normalized(theta)

print(f"torch {torch.__version__}, threads {torch.get_num_threads()}")
print(f"one B=32 gradient (forward + backward): {fmt(median_time(one_gradient, 2000))}")
print(f"one full-batch loss (512 points):       {fmt(median_time(one_full_loss, 2000))}")
print(f"train 2 runs x 300 steps, losses recorded: {fmt(median_time(train_runs, 10, 1))}")
print(f"26^2 landscape grid:                    {fmt(median_time(lambda: landscape(26, theta, d1, d2), 20))}")
print(f"101^2 landscape grid:                   {fmt(median_time(lambda: landscape(101, theta, d1, d2), 10, 1))}")
