#!/usr/bin/env python3
"""The 1023-ring CROW of benchmarks/PhotonicKit.Benchmarks/BenchmarkNetlists.cs (crow-1023-*.yaml) at one wavelength,
as a short scipy script would compute it: every component's S-matrix in one sparse block-diagonal matrix S, the
connections as a permutation C, and the outgoing waves b at all ports from (I - S C) b = S E x for the four external
ports (one sparse LU, four right-hand sides). Prints |S|^2 from 'in' to 'through' and 'drop', which
`photonickit run crow-1023-smatrix.yaml` prints too.

    python3 benchmarks/scipy/crow.py [RINGS]

Timed as a whole process (interpreter start-up and imports included) for docs/benchmarks.md, "Start-up".
"""
import sys

import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as spla

rings = int(sys.argv[1]) if len(sys.argv) > 1 else 1023
wavelength_nm = 1550.0

# Components, as the built-in models define them (src/Components/Passive): a beam splitter [[t, iκ], [iκ, t]] with
# power coupling 0.1, ports in0, in1, out0, out1, the same block back from the outputs to the inputs; a waveguide
# a·exp(i 2π n_eff L/λ) both ways, n_eff = 2.4 at λ0 = the file's wavelength, 8.75 µm, 1 dB/cm.
kappa, t = 1j * np.sqrt(0.1), np.sqrt(1 - 0.1)
coupler = np.zeros((4, 4), complex)
for i in range(2):
    for o in range(2):
        coupler[2 + o, i] = coupler[i, 2 + o] = t if i == o else kappa
length_um, n_eff, loss_db_per_cm = 8.75, 2.4, 1.0
a = 10 ** (-loss_db_per_cm * length_um * 1e-4 / 20)
guide = np.zeros((2, 2), complex)
guide[1, 0] = guide[0, 1] = a * np.exp(1j * 2 * np.pi * n_eff * length_um * 1e3 / wavelength_nm)

# Ports: ring j has couplers a_j, b_j (4 ports each) and half rings h_j, k_j (2 ports each): 12 ports a ring.
def port(kind, j, p):
    base = 12 * j
    return base + {"a": 0, "b": 4, "h": 8, "k": 10}[kind] + {"in0": 0, "in1": 1, "out0": 2, "out1": 3, "o1": 0, "o2": 1}[p]

n = 12 * rings
blocks = []
for j in range(rings):
    blocks += [coupler, coupler, guide, guide]
S = sp.block_diag(blocks, format="csr")

pairs = []
for j in range(rings):
    pairs += [(port("a", j, "out1"), port("h", j, "o1")), (port("h", j, "o2"), port("b", j, "in1")),
              (port("b", j, "out1"), port("k", j, "o1")), (port("k", j, "o2"), port("a", j, "in1"))]
    if j > 0:
        pairs += [(port("b", j - 1, "out0"), port("a", j, "in0")), (port("a", j, "out0"), port("b", j - 1, "in0"))]
rows = [p for p, q in pairs] + [q for p, q in pairs]
cols = [q for p, q in pairs] + [p for p, q in pairs]
C = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))

external = {"in": port("a", 0, "in0"), "through": port("a", 0, "out0"),
            "drop": port("b", rings - 1, "out0"), "add": port("b", rings - 1, "in0")}
names = list(external)
E = sp.csr_matrix((np.ones(4), ([external[k] for k in names], range(4))), shape=(n, 4))

lu = spla.splu((sp.identity(n, format="csc") - S @ C).tocsc())
b = lu.solve((S @ E).toarray())
smatrix = b[[external[k] for k in names], :]  # S[out, in] over the external ports

for out in ("through", "drop"):
    print(f"|S[{out}, in]|^2 = {abs(smatrix[names.index(out), names.index('in')]) ** 2:.12f}")
