"""PyTorch's side of `benches/digits.rs`: the same 64-64-64-10 relu MLP (optionally with
BatchNorm1d after each hidden Linear), 1,000 training inputs of 64 features, cross-entropy,
float32. Times one B = 32 gradient, one full-batch gradient and one full-batch
Hessian-vector product (double backward). Run by hand: `python3 benches/torch_digits.py
[THREADS]` (default 2; 1 is PyTorch's fastest setting for the B = 32 gradient on a 2-core
machine); `cargo test` never calls it. Figures in BENCHMARKS.md."""
import sys
import time

import torch

torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
torch.manual_seed(0)
x = torch.rand(1000, 64)
y = torch.randint(0, 10, (1000,))
loss_fn = torch.nn.CrossEntropyLoss()


def net(batchnorm):
    layers = []
    width = 64
    for _ in range(2):
        layers.append(torch.nn.Linear(width, 64))
        if batchnorm:
            layers.append(torch.nn.BatchNorm1d(64))
        layers.append(torch.nn.ReLU())
    layers.append(torch.nn.Linear(64, 10))
    return torch.nn.Sequential(*layers)


def median_time(f, n):
    for _ in range(10):
        f()
    times = []
    for _ in range(n):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    times.sort()
    return times[len(times) // 2]


def fmt(seconds):
    return f"{seconds * 1e6:.1f} µs" if seconds < 1e-3 else f"{seconds * 1e3:.2f} ms"


for batchnorm in (False, True):
    model = net(batchnorm).train()
    params = list(model.parameters())
    bn = " (BatchNorm)" if batchnorm else ""

    def grad(xb, yb):
        model.zero_grad(set_to_none=True)
        loss_fn(model(xb), yb).backward()

    v = [torch.randn_like(p) for p in params]

    def hvp():
        loss = loss_fn(model(x), y)
        g = torch.autograd.grad(loss, params, create_graph=True)
        dot = sum((gi * vi).sum() for gi, vi in zip(g, v))
        torch.autograd.grad(dot, params)

    print(f"one B=32 gradient{bn}: {fmt(median_time(lambda: grad(x[:32], y[:32]), 2000))}")
    print(f"one full-batch gradient{bn}: {fmt(median_time(lambda: grad(x, y), 500))}")
    print(f"one full-batch Hessian-vector product{bn}: {fmt(median_time(hvp, 300))}")
