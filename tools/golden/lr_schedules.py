#!/usr/bin/env python3
"""Prints the learning rates that tests/schedule.rs (`bit_for_bit_with_torchs_arithmetic`)
asserts bit for bit.

torch is not needed: this is a line-for-line port of torch 2.x's `get_lr` in
torch/optim/lr_scheduler.py (the chainable forms `step()` uses, OneCycleLR's phase table,
SequentialLR's milestone reset through the main scheduler's closed form). Python floats are
float64 and math.cos is the same libm as Rust's f64::cos. With torch installed, the same
numbers come from e.g.

    opt = torch.optim.SGD([torch.zeros(1, dtype=torch.float64)], lr=1.0)
    s = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=4)
    for _ in range(9): print(repr(opt.param_groups[0]["lr"])); opt.step(); s.step()
"""

import math


def exponential(base, gamma, n):
    lr, out = base, [base]
    for _ in range(1, n):
        lr = lr * gamma
        out.append(lr)
    return out


def cosine_step(lr, base, eta_min, t_max, epoch):
    if (epoch - 1 - t_max) % (2 * t_max) == 0:
        return lr + (base - eta_min) * (1 - math.cos(math.pi / t_max)) / 2
    return (1 + math.cos(math.pi * epoch / t_max)) / (
        1 + math.cos(math.pi * (epoch - 1) / t_max)
    ) * (lr - eta_min) + eta_min


def cosine(base, t_max, eta_min, n):
    lr, out = base, [base]
    for epoch in range(1, n):
        lr = cosine_step(lr, base, eta_min, t_max, epoch)
        out.append(lr)
    return out


def one_cycle(max_lr, total_steps, n, pct_start=0.3, div_factor=25.0, final_div_factor=1e4):
    initial = max_lr / div_factor
    min_lr = initial / final_div_factor
    phases = [
        (float(pct_start * total_steps) - 1, initial, max_lr),
        (total_steps - 1, max_lr, min_lr),
    ]
    out = []
    for step in range(n):
        start = 0.0
        for i, (end, a, b) in enumerate(phases):
            if step <= end or i == len(phases) - 1:
                pct = (step - start) / (end - start)
                out.append(b + (a - b) / 2.0 * (math.cos(math.pi * pct) + 1))
                break
            start = end
    return out


def warm_cosine(base, start_factor, warmup, t_max, eta_min, n):
    """SequentialLR([LinearLR(start_factor, total_iters=warmup), CosineAnnealingLR], [warmup])."""
    lr, out = base * start_factor, [base * start_factor]
    for epoch in range(1, n):
        if epoch < warmup:
            lr = lr * (
                1.0
                + (1.0 - start_factor)
                / (warmup * start_factor + (epoch - 1) * (1.0 - start_factor))
            )
        elif epoch == warmup:
            lr = eta_min + (base - eta_min) * (1 + math.cos(math.pi * 0 / t_max)) / 2
        else:
            lr = cosine_step(lr, base, eta_min, t_max, epoch - warmup)
        out.append(lr)
    return out


if __name__ == "__main__":
    print("exponential", [repr(x) for x in exponential(0.1, 0.9, 6)])
    print("cosine T=4", [repr(x) for x in cosine(1.0, 4, 0.0, 9)])
    print("cosine T=10 eta_min=0.1", [repr(x) for x in cosine(1.0, 10, 0.1, 11)])
    print("one_cycle", [repr(x) for x in one_cycle(0.01, 10, 11)])
    print("warm-up 3 + cosine", [repr(x) for x in warm_cosine(0.1, 1.0 / 3, 3, 5, 0.001, 10)])
