"""The literal constants of the optimizer unit tests (src/core/optim/*.rs, `first_three_updates`).

Each update rule is written out from torch.optim's equations (the PyTorch docs of each
optimizer, and lucidrains' Lion / davda54's SAM) in 50-digit decimal arithmetic, so the numbers carry no
floating-point rounding of their own: they are what a hand computation gives. Run with any
Python 3 (no torch needed): `python3 tools/golden/hand_values.py`.
"""
from decimal import Decimal as D, getcontext

getcontext().prec = 50


def sgd(lr, grads, theta, momentum=D(0), dampening=D(0), wd=D(0), nesterov=False):
    out, buf = [], None
    for g in grads:
        g = g + wd * theta
        if momentum != 0:
            buf = g if buf is None else momentum * buf + (1 - dampening) * g
            g = g + momentum * buf if nesterov else buf
        theta = theta - lr * g
        out.append(theta)
    return out


def adam(lr, grads, theta, b1, b2, eps, wd=D(0), amsgrad=False, decoupled=False):
    out, m, v, vmax = [], D(0), D(0), D(0)
    for t, g in enumerate(grads, start=1):
        if decoupled:
            theta = theta * (1 - lr * wd)
        else:
            g = g + wd * theta
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        vmax = max(vmax, v)
        second = vmax if amsgrad else v
        denom = second.sqrt() / (1 - b2**t).sqrt() + eps
        theta = theta - lr / (1 - b1**t) * m / denom
        out.append(theta)
    return out


def rmsprop(lr, grads, theta, alpha, eps, wd=D(0), momentum=D(0), centered=False):
    out, sq, ga, buf = [], D(0), D(0), D(0)
    for g in grads:
        g = g + wd * theta
        sq = alpha * sq + (1 - alpha) * g * g
        if centered:
            ga = alpha * ga + (1 - alpha) * g
            avg = (sq - ga * ga).sqrt() + eps
        else:
            avg = sq.sqrt() + eps
        if momentum > 0:
            buf = momentum * buf + g / avg
            theta = theta - lr * buf
        else:
            theta = theta - lr * g / avg
        out.append(theta)
    return out


def adagrad(lr, grads, theta, lr_decay, init_acc, eps, wd=D(0)):
    out, acc = [], init_acc
    for t, g in enumerate(grads, start=1):
        g = g + wd * theta
        clr = lr / (1 + (t - 1) * lr_decay)
        acc = acc + g * g
        theta = theta - clr * g / (acc.sqrt() + eps)
        out.append(theta)
    return out


def lion(lr, grads, theta, b1, b2, wd=D(0)):
    out, m = [], D(0)
    for g in grads:
        theta = theta * (1 - lr * wd)
        c = b1 * m + (1 - b1) * g
        sign = D(1) if c > 0 else D(-1) if c < 0 else D(0)
        theta = theta - lr * sign
        m = b2 * m + (1 - b2) * g
        out.append(theta)
    return out


def show(name, values):
    print(f"{name}: [{', '.join(format(v, '.17e') for v in values)}]")


G = [D(1), D(-2), D("0.5")]
show("sgd plain lr=0.1", sgd(D("0.1"), G, D(1)))
show("sgd mu=0.9 tau=0.1 wd=0.01", sgd(D("0.1"), G, D(1), D("0.9"), D("0.1"), D("0.01")))
show("sgd nesterov mu=0.9 wd=0.01", sgd(D("0.1"), G, D(1), D("0.9"), D(0), D("0.01"), True))
show("adam wd=0.01", adam(D("0.1"), G, D(1), D("0.9"), D("0.999"), D("1e-8"), D("0.01")))
G_AMS = [D(2), D("-0.5"), D("0.1")]
show("adam amsgrad b2=0.5", adam(D("0.1"), G_AMS, D(1), D("0.9"), D("0.5"), D("1e-8"), amsgrad=True))
show("adam no amsgrad b2=0.5", adam(D("0.1"), G_AMS, D(1), D("0.9"), D("0.5"), D("1e-8")))
show("adamw wd=0.1", adam(D("0.1"), G, D(1), D("0.9"), D("0.999"), D("1e-8"), D("0.1"), decoupled=True))
show("rmsprop wd=0.01", rmsprop(D("0.01"), G, D(1), D("0.99"), D("1e-8"), D("0.01")))
show("rmsprop centered mu=0.5 alpha=0.9",
     rmsprop(D("0.01"), G, D(1), D("0.9"), D("1e-8"), momentum=D("0.5"), centered=True))
show("adagrad lr_decay=0.5 init=0.1 wd=0.01",
     adagrad(D("0.1"), G, D(1), D("0.5"), D("0.1"), D("1e-10"), D("0.01")))
show("lion wd=0.1", lion(D("0.1"), G, D(1), D("0.9"), D("0.99"), D("0.1")))

# SAM over SGD (lr 0.1, no momentum) on f(x, y) = x² + 4y² (∇f = (2x, 8y)) from (1, 0.5),
# ρ = 0.05: e = ρ∇f/‖∇f‖, the gradient taken at θ + e, then θ ← θ − lr·∇f(θ + e).
x, y, rho = D(1), D("0.5"), D("0.05")
for step in range(1, 4):
    gx, gy = 2 * x, 8 * y
    n = (gx * gx + gy * gy).sqrt()
    px, py = x + rho * gx / (n + D("1e-12")), y + rho * gy / (n + D("1e-12"))
    x, y = x - D("0.1") * 2 * px, y - D("0.1") * 8 * py
    print(f"sam step {step}: perturbed ({px:.17e}, {py:.17e}) -> theta ({x:.17e}, {y:.17e})")
