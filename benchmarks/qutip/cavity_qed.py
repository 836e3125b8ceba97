#!/usr/bin/env python3
"""Reference values of the cavity-QED figures (src/Components/Sources/CavityQed.cs) computed with QuTiP 4.7,
independently of PhotonicKit.

Model (emitter frame, ps and rad/ps): a two-level emitter (sigma = |g><e|) and one cavity mode a (Fock states
0..photons),

    drho/dt = -i[H, rho] + kappa D[a]rho + gamma D[sigma]rho + 2 gamma* D[sigma^+ sigma]rho,
    H = -Delta a^+a + g(a^+ sigma + sigma^+ a) + (Omega(t)/2)(sigma + sigma^+),

Omega(t) = Omega0 exp(-2 ln2 t^2/F^2), Omega0 = pi sqrt(2 ln2/pi)/F (a Gaussian pi pulse of intensity FWHM F,
centred at t = 0, on for |t| <= 7.5 s, s = F/(2 sqrt(ln2))); without a pulse the emitter starts in |e,0> at t = 0.
gamma* is given in 1/ns (the dissipator's rate is 2 gamma* 1e-3 /ps).

Figures: mu_c = kappa Int <a^+a> dt, mu_gamma = gamma Int <sigma^+sigma> dt,
g2 = kappa^2 IntInt <a^+(t)a^+(s)a(s)a(t)> dt ds / mu_c^2 and M = kappa^2 IntInt |<a^+(s)a(t)>|^2 dt ds / mu_c^2
over the whole (t, s) plane, = 2 x the half plane s >= t, where the quantum regression theorem gives
<a^+(s)a(t)> = Tr[a^+ U(s,t)(a rho(t))] and <a^+(t)a^+(s)a(s)a(t)> = Tr[a^+a U(s,t)(a rho(t) a^+)].

How it is computed:
- rho(t): qutip.mesolve with the time-dependent Hamiltonian in list format [H0, [Hd, Omega]] over the pulse window
  on a uniform grid of step h0, then qutip.mesolve with H0 from the window's end over a graded grid (step h0,
  doubling every `segment` steps up to hmax) to the end of the tail.
- two-time functions from a time t in the pulse window: qutip.mesolve of a rho(t) and of a rho(t) a^+ from t over
  the rest of the window's grid (time-dependent Hamiltonian); after the window the generator L is constant and
  U(s, t_e) = exp(L (s - t_e)) (qutip's liouvillian and expm, stepped along a graded tau grid like the tail's).
  From a time t after the window the same exp(L tau) on the tau grid.
- every integral by composite Simpson on the grids (the inner integral from a window time with an odd number of
  steps left: Simpson's 3/8 rule on its first three; with one step left, the midpoint added to the mesolve times).

    /usr/bin/python3 benchmarks/qutip/cavity_qed.py                  # the reference sets -> JSON on stdout
    /usr/bin/python3 benchmarks/qutip/cavity_qed.py --converge       # also with half the steps and more photons
    /usr/bin/python3 benchmarks/qutip/cavity_qed.py --time typical   # wall time of one set's whole calculation

Python 3.11, QuTiP 4.7.1, numpy 1.24, scipy 1.10 (Debian 12: apt-get install python3-qutip).
"""
import argparse
import json
import math
import sys
import time

import numpy as np
import qutip as qt

# name -> g, kappa, gamma (rad/ps), gamma* (1/ns), Delta (rad/ps), pulse FWHM (ps) or None
SETS = {
    "strong-ideal-detuned": dict(g=0.1, kappa=0.05, gamma=0.005, dephasing_per_ns=0.0, detuning=0.02, fwhm=None),
    "intermediate-pulsed-detuned": dict(g=0.03, kappa=0.1, gamma=0.002, dephasing_per_ns=1.0, detuning=0.01, fwhm=10.0),
    "critical-short-pulse": dict(g=0.05, kappa=0.2, gamma=0.002, dephasing_per_ns=0.3, detuning=0.0, fwhm=2.0),
    "strong-pulsed": dict(g=0.1, kappa=0.05, gamma=0.002, dephasing_per_ns=1.0, detuning=0.0, fwhm=3.0),
    "weak-pulsed": dict(g=0.01, kappa=1.0, gamma=0.002, dephasing_per_ns=1.0, detuning=0.0, fwhm=5.0),
    "typical": dict(g=0.03, kappa=0.1, gamma=0.002, dephasing_per_ns=1.0, detuning=0.0, fwhm=3.0),
    "ideal-dephased-detuned": dict(g=0.04, kappa=0.15, gamma=0.003, dephasing_per_ns=2.0, detuning=0.03, fwhm=None),
}

SIGMAS = 7.5  # half window of the pulse in standard deviations of Omega(t)


def model(p, photons):
    """H0, Hd, collapse operators, a, sigma (emitter (x) Fock)."""
    a = qt.tensor(qt.qeye(2), qt.destroy(photons + 1))
    sm = qt.tensor(qt.destroy(2), qt.qeye(photons + 1))  # |g><e| with g = basis 0, e = basis 1
    h0 = -p["detuning"] * a.dag() * a + p["g"] * (a.dag() * sm + sm.dag() * a)
    hd = 0.5 * (sm + sm.dag())
    c_ops = [math.sqrt(p["kappa"]) * a]
    if p["gamma"] > 0:
        c_ops.append(math.sqrt(p["gamma"]) * sm)
    if p["dephasing_per_ns"] > 0:
        c_ops.append(math.sqrt(2e-3 * p["dephasing_per_ns"]) * sm.dag() * sm)
    return h0, hd, c_ops, a, sm


def simpson(n, h):
    """Weights of n uniform steps of h: Simpson, with 3/8 on the first three steps when n is odd (n != 1)."""
    w = np.zeros(n + 1)
    if n == 0:
        return w
    if n == 1:
        raise ValueError("one step")
    start = 0
    if n % 2 == 1:
        w[0:4] += np.array([3, 9, 9, 3]) * h / 8
        start = 3
    m = n - start
    if m > 0:
        seg = np.ones(m + 1)
        seg[1:-1:2] = 4
        seg[2:-1:2] = 2
        w[start:] += seg * h / 3
    return w


def graded(h0, hmax, length, segment):
    """Times from 0 and Simpson weights: `segment` steps (even) of h0, then of 2 h0, ... up to hmax, then steps of
    hmax until `length` is covered."""
    times, weights = [0.0], [0.0]
    h, t = h0, 0.0
    while t < length:
        if h >= hmax:
            h = hmax
            n = int(math.ceil((length - t) / h))
            n += n % 2
        else:
            n = segment
        w = simpson(n, h)
        weights[-1] += w[0]
        weights.extend(w[1:])
        times.extend(t + h * np.arange(1, n + 1))
        t = times[-1]
        h = min(2 * h, hmax)
    return np.array(times), np.array(weights)


def trace_with(op, x):
    """Tr[op x] for dense matrices."""
    return np.sum(op * x.T)


def solve(p, photons=4, refine=1, tolerance=1e-10, report=None):
    """The figures of one parameter set. refine = 2 halves every step (same segment boundaries)."""
    h0_, hd, c_ops, a, sm = model(p, photons)
    d = 2 * (photons + 1)
    A = a.full()
    Ad = A.conj().T
    N = (a.dag() * a).full()
    E = (sm.dag() * sm).full()
    kappa, gamma = p["kappa"], p["gamma"]
    opts = qt.Options(atol=tolerance * 1e-3, rtol=tolerance, nsteps=10**8)

    L = qt.liouvillian(h0_, c_ops)
    rates = -np.linalg.eigvals(L.full()).real
    slowest = rates[rates > 1e-12].min()
    fwhm = p["fwhm"]
    omega_fast = max(p["kappa"], 2 * p["g"], abs(p["detuning"]), p["gamma"] + 2e-3 * p["dephasing_per_ns"])
    if fwhm is not None:
        omega0 = math.pi * math.sqrt(2 * math.log(2) / math.pi) / fwhm
        omega_fast = max(omega_fast, omega0)
    # Steps: h0 resolves the fastest rate (and the pulse), hmax the slow oscillations of the tail (vacuum Rabi,
    # detuning); the tail and the tau grid reach 30/slowest decay rate of L (e^-30 of the slowest component).
    h0 = min(0.1 / omega_fast, fwhm / 20 if fwhm else math.inf)
    hmax = min(4.0, 0.06 / max(2 * p["g"], abs(p["detuning"]), 1e-9))
    h0, hmax = h0 / refine, hmax / refine
    segment = 60 * refine
    span = 30 / slowest
    tau, wtau = graded(h0, hmax, span, segment)

    # rho on the pulse window (uniform grid) and after it (graded grid).
    if fwhm is not None:
        sig = fwhm / (2 * math.sqrt(math.log(2)))
        t0, te = -SIGMAS * sig, SIGMAS * sig
        k = int(math.ceil((te - t0) / h0))
        k += k % 2
        window = np.linspace(t0, te, k + 1)
        hw = window[1] - window[0]
        coeff = lambda t, args: omega0 * math.exp(-2 * math.log(2) * t * t / (fwhm * fwhm))
        H = [h0_, [hd, coeff]]
        rho0 = qt.ket2dm(qt.tensor(qt.basis(2, 0), qt.basis(photons + 1, 0)))
        pulse = qt.mesolve(H, rho0, window, c_ops, [], options=opts)
        rho_window = [s.full() for s in pulse.states]
        rho_te = pulse.states[-1]
        w_window = simpson(k, hw)
    else:
        te = 0.0
        window, rho_window, w_window = np.array([]), [], np.array([])
        rho_te = qt.ket2dm(qt.tensor(qt.basis(2, 1), qt.basis(photons + 1, 0)))
        H = h0_
    tail_times, w_tail = graded(h0, hmax, span, segment)
    tail = qt.mesolve(h0_, rho_te, te + tail_times, c_ops, [], options=opts)
    rho_tail = [s.full() for s in tail.states]

    cavity = sum(w * trace_with(N, r).real for w, r in zip(w_window, rho_window))
    cavity += sum(w * trace_with(N, r).real for w, r in zip(w_tail, rho_tail))
    emitter = sum(w * trace_with(E, r).real for w, r in zip(w_window, rho_window))
    emitter += sum(w * trace_with(E, r).real for w, r in zip(w_tail, rho_tail))

    # Rows r(tau) with r(tau) . vec(X) = Tr[op exp(L tau) X] (vec column-stacked as qutip's superoperators).
    Lm = L.full()
    rows1 = np.empty((len(tau), d * d), complex)
    rows2 = np.empty((len(tau), d * d), complex)
    rows1[0] = Ad.ravel()
    rows2[0] = N.ravel()
    steps = {}
    for m in range(1, len(tau)):
        dt = round(tau[m] - tau[m - 1], 12)
        if dt not in steps:
            steps[dt] = (L * (tau[m] - tau[m - 1])).expm().full()
        rows1[m] = rows1[m - 1] @ steps[dt]
        rows2[m] = rows2[m - 1] @ steps[dt]

    def tails(xs, ys):
        """Inner integrals over s >= t_e of |Tr[a^+ U X]|^2 and Tr[a^+a U Y] for columns vec(X), vec(Y)."""
        first = np.empty(xs.shape[1])
        second = np.empty(ys.shape[1])
        for c in range(0, xs.shape[1], 512):
            v = rows1 @ xs[:, c:c + 512]
            first[c:c + 512] = wtau @ (v.real ** 2 + v.imag ** 2)
            second[c:c + 512] = (wtau @ (rows2 @ ys[:, c:c + 512])).real
        return first, second

    def vec(x):
        return x.ravel("F")

    # From the tail's times.
    xs = np.array([vec(A @ r) for r in rho_tail]).T
    ys = np.array([vec(A @ r @ Ad) for r in rho_tail]).T
    f1, f2 = tails(xs, ys)
    first = w_tail @ f1
    second = w_tail @ f2

    # From the window's times: mesolve to the window's end, then the tail rows.
    if fwhm is not None:
        n = len(window)
        inner1 = np.zeros(n)
        inner2 = np.zeros(n)
        ends_x = np.empty((d * d, n), complex)
        ends_y = np.empty((d * d, n), complex)
        for i in range(n):
            x0 = qt.Qobj(A @ rho_window[i], dims=rho_te.dims)
            y0 = qt.Qobj(A @ rho_window[i] @ Ad, dims=rho_te.dims)
            left = n - 1 - i
            if left == 0:
                ends_x[:, i], ends_y[:, i] = vec(x0.full()), vec(y0.full())
                continue
            if left == 1:
                times = np.array([window[i], 0.5 * (window[i] + window[i + 1]), window[i + 1]])
                w = np.array([1, 4, 1]) * hw / 6
            else:
                times = window[i:]
                w = simpson(left, hw)
            sx = qt.mesolve(H, x0, times, c_ops, [], options=opts).states
            sy = qt.mesolve(H, y0, times, c_ops, [], options=opts).states
            v1 = np.array([trace_with(Ad, s.full()) for s in sx])
            v2 = np.array([trace_with(N, s.full()) for s in sy])
            inner1[i] = w @ (np.abs(v1) ** 2)
            inner2[i] = (w @ v2).real
            ends_x[:, i], ends_y[:, i] = vec(sx[-1].full()), vec(sy[-1].full())
        t1, t2 = tails(ends_x, ends_y)
        first += w_window @ (inner1 + t1)
        second += w_window @ (inner2 + t2)

    mu_c = kappa * cavity
    result = dict(
        cavity_photons=mu_c,
        other_decays=gamma * emitter,
        g2=2 * kappa ** 2 * second / mu_c ** 2,
        indistinguishability=2 * kappa ** 2 * first / mu_c ** 2,
    )
    if report is not None:
        report.update(photons=photons, h0_ps=h0, hmax_ps=hmax, segment_steps=segment, tail_ps=span,
                      window_points=len(window), tail_points=len(tail_times), tau_points=len(tau),
                      ode_rtol=tolerance)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", nargs="*", default=list(SETS), help="parameter sets (default all)")
    parser.add_argument("--converge", action="store_true", help="also half steps, more photons, tighter ODE")
    parser.add_argument("--photons", type=int, default=4)
    parser.add_argument("--time", metavar="SET", help="time the whole calculation of one set (warm), 3 runs")
    args = parser.parse_args()

    if args.time:
        p = SETS[args.time]
        walls = []
        for _ in range(3):
            start = time.perf_counter()
            r = solve(p, args.photons)
            walls.append(time.perf_counter() - start)
        print(json.dumps(dict(set=args.time, wall_s=walls, figures=r), indent=2))
        return

    out = dict(qutip=qt.__version__, numpy=np.__version__, sets=[])
    for name in args.sets:
        p = SETS[name]
        grid = {}
        start = time.perf_counter()
        r = solve(p, args.photons, report=grid)
        entry = dict(name=name, **p, **r, grid=grid, wall_s=time.perf_counter() - start)
        if args.converge:
            checks = {}
            for label, kw in (("half_steps", dict(refine=2)), ("photons+2", dict(photons=args.photons + 2)),
                              ("ode_rtol_1e-12", dict(tolerance=1e-12))):
                kw = dict(dict(photons=args.photons), **kw)
                q = solve(p, **kw)
                checks[label] = {k: (q[k] - r[k]) / r[k] if r[k] != 0 else q[k] for k in r}
            entry["relative_change"] = checks
        out["sets"].append(entry)
        print(json.dumps(entry), file=sys.stderr, flush=True)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
