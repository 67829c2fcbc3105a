"""Checks lr_schedules.py (the port the schedule tests were made from) against torch itself:
prints, per case, whether torch.optim.lr_scheduler gives the same learning rates bit for bit.

    pip install torch
    python3 tools/golden/check_schedules_with_torch.py

Run on 2026-11-27 with torch 2.15.0: bit-identical in all five cases.
"""

import os
import sys
import warnings

warnings.filterwarnings("ignore")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lr_schedules as port
import torch
from torch.optim import lr_scheduler as L
def run(make, n, base=1.0):
    p = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([p], lr=base)
    s = make(opt)
    out = []
    for _ in range(n):
        out.append(opt.param_groups[0]["lr"])
        opt.step(); s.step()
    return out
cases = {
 "exponential": (run(lambda o: L.ExponentialLR(o, gamma=0.9), 6, 0.1), port.exponential(0.1, 0.9, 6)),
 "cosine T=4": (run(lambda o: L.CosineAnnealingLR(o, T_max=4), 9), port.cosine(1.0, 4, 0.0, 9)),
 "cosine T=10 eta_min=0.1": (run(lambda o: L.CosineAnnealingLR(o, T_max=10, eta_min=0.1), 11), port.cosine(1.0, 10, 0.1, 11)),
 "one_cycle": (run(lambda o: L.OneCycleLR(o, max_lr=0.01, total_steps=10, cycle_momentum=False), 10, 0.01), port.one_cycle(0.01, 10, 10)),
 "warm-up 3 + cosine": (run(lambda o: L.SequentialLR(o, [L.LinearLR(o, start_factor=1/3, total_iters=3), L.CosineAnnealingLR(o, T_max=5, eta_min=0.001)], milestones=[3]), 10, 0.1), port.warm_cosine(0.1, 1.0/3, 3, 5, 0.001, 10)),
}
for name,(t,pp) in cases.items():
    same = all(a == b for a,b in zip(t,pp)) and len(t)==len(pp)
    maxdiff = max(abs(a-b) for a,b in zip(t,pp))
    print(f"{name}: bit-identical={same} max|diff|={maxdiff:.3g}")
print("torch", torch.__version__)
