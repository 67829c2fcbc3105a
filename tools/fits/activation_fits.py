"""The polynomial coefficients of basin's vectorized activations (src/core/network/activation.rs).

Run: pip install numpy mpmath && python3 tools/fits/activation_fits.py
Prints the two coefficient tables, fitted by least squares at Chebyshev nodes (near-minimax)
against mpmath at 40 digits:

1. tanh on |x| < 1: tanh(x) = x + x^3 * P(x^2), P of degree 7 in u = x^2 on [0, 1], the
   coefficients rounded to f32 (relative error of the formula 2.0e-8 before f32 arithmetic).
2. erfc for GELU (f64): erfc(z) = t * exp(-z^2 + G(y)), t = 2 / (2 + z), y = 2t - 1, z >= 0,
   G of degree 16 in y on [-1, 1] (absolute error of G, i.e. relative error of erfc,
   about 1e-11).
"""
import mpmath as mp
import numpy as np
from numpy.polynomial import Polynomial
from numpy.polynomial import chebyshev as C

mp.mp.dps = 40


def nodes(n):
    return 0.5 - 0.5 * np.cos(np.pi * (np.arange(n) + 0.5) / n)


def tanh_correction(u):
    x = mp.sqrt(mp.mpf(u))
    return mp.mpf(-1) / 3 if x == 0 else (mp.tanh(x) - x) / x**3


def erfc_log_ratio(t):
    t = mp.mpf(t)
    z = 2 / t - 2
    return mp.log(mp.erfc(z) * mp.exp(z * z) / t)


us = nodes(800)
c = C.chebfit(2 * us - 1, [float(tanh_correction(u)) for u in us], 7)
in_u = Polynomial(C.cheb2poly(c))(Polynomial([-1, 2])).coef
print("tanh P(u), u = x^2, lowest degree first (f32):")
for v in in_u.astype(np.float32):
    print(f"  {float(v)!r}")

ts = nodes(2000)
ts = ts[ts > 1e-6]
c = C.chebfit(2 * ts - 1, [float(erfc_log_ratio(t)) for t in ts], 16)
print("erfc G(y), y = 2t - 1, lowest degree first (f64):")
for v in C.cheb2poly(c):
    print(f"  {float(v)!r}")
