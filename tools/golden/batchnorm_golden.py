"""Golden values for basin's BatchNorm MLP (tests/batchnorm_golden.rs), made with PyTorch.

Writes tests/golden/batchnorm.json: for small networks `nn.Sequential(Linear, BatchNorm1d,
act, ..., Linear)` with cross-entropy, in float64,
- the training-mode loss and gradient (w.r.t. every parameter, in `parameters()` order) over a
  batch, with BN statistics over the whole batch and over ghost batches, and the running
  statistics after that one forward pass;
- the eval-mode loss and gradient with given running statistics;
- a few SGD steps on fixed mini-batches with ghost batches: the parameters and the running
  statistics after every step.

Run from the repository root: `python3 tools/golden/batchnorm_golden.py`.
"""

import json
import pathlib

import torch
import torch.nn as nn

torch.set_default_dtype(torch.float64)
torch.manual_seed(13)


class GhostBN(nn.Module):
    """BatchNorm1d whose training statistics are taken over chunks of `g` rows, in order."""

    def __init__(self, width, g):
        super().__init__()
        self.bn = nn.BatchNorm1d(width)
        self.g = g

    def forward(self, x):
        if self.training and self.g:
            return torch.cat([self.bn(c) for c in x.split(self.g)])
        return self.bn(x)


def make_net(sizes, act, g):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(GhostBN(sizes[i + 1], g))
            layers.append(nn.Tanh() if act == "tanh" else nn.ReLU())
    return nn.Sequential(*layers)


def flat(tensors):
    return torch.cat([t.detach().flatten() for t in tensors]).tolist()


def bns(net):
    return [m.bn for m in net if isinstance(m, GhostBN)]


def running(net):
    out = []
    for bn in bns(net):
        out += bn.running_mean.tolist() + bn.running_var.tolist()
    return out


def set_running(net, values):
    at = 0
    for bn in bns(net):
        w = bn.running_mean.numel()
        bn.running_mean.copy_(torch.tensor(values[at : at + w]))
        bn.running_var.copy_(torch.tensor(values[at + w : at + 2 * w]))
        at += 2 * w


def loss_grad(net, x, y):
    net.zero_grad()
    loss = nn.functional.cross_entropy(net(x), y)
    loss.backward()
    return loss.item(), flat(p.grad for p in net.parameters())


def case(name, sizes, act, n, g, steps, batch):
    net = make_net(sizes, act, g)
    with torch.no_grad():
        for bn in bns(net):  # γ and β away from 1 and 0, so wrong uses of them show
            bn.weight.uniform_(0.5, 1.5)
            bn.bias.uniform_(-0.5, 0.5)
    x = torch.rand(n, sizes[0])
    y = torch.randint(0, sizes[-1], (n,))
    theta = flat(net.parameters())
    out = {
        "name": name,
        "sizes": sizes,
        "activation": act,
        "bn_batch_size": g,
        "x": x.flatten().tolist(),
        "y": y.tolist(),
        "theta": theta,
    }
    # Training mode, whole batch (g only matters for ghost batches).
    net.train()
    start_running = running(net)
    out["train_loss"], out["train_grad"] = loss_grad(net, x, y)
    out["train_running"] = running(net)
    # Eval mode with non-trivial running statistics.
    eval_running = []
    for bn in bns(net):
        w = bn.running_mean.numel()
        eval_running += (torch.rand(w) - 0.5).tolist() + (0.2 + torch.rand(w)).tolist()
    set_running(net, eval_running)
    net.eval()
    out["eval_running"] = eval_running
    out["eval_loss"], out["eval_grad"] = loss_grad(net, x, y)
    # SGD on fixed mini-batches, running statistics from the start.
    set_running(net, start_running)
    net.train()
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    batches, thetas, runnings = [], [], []
    for _ in range(steps):
        idx = torch.randperm(n)[:batch]
        opt.zero_grad()
        nn.functional.cross_entropy(net(x[idx]), y[idx]).backward()
        opt.step()
        batches.append(idx.tolist())
        thetas.append(flat(net.parameters()))
        runnings.append(running(net))
    out["sgd"] = {"lr": 0.1, "batches": batches, "theta": thetas, "running": runnings}
    net.eval()
    out["sgd"]["eval_loss"] = nn.functional.cross_entropy(net(x), y).item()
    return out


cases = [
    case("tanh-whole", [4, 5, 3], "tanh", 8, None, 5, 8),
    case("tanh-ghost", [4, 6, 5, 3], "tanh", 16, 4, 6, 8),
    case("relu-ghost", [4, 5, 3], "relu", 12, 3, 5, 6),
]
doc = {"torch": torch.__version__, "momentum": 0.1, "eps": 1e-5, "cases": cases}
path = pathlib.Path(__file__).resolve().parents[2] / "tests" / "golden" / "batchnorm.json"
path.write_text(json.dumps(doc, indent=0) + "\n")
print(f"wrote {path}")
