#!/usr/bin/env python3
"""Times NumPy and SciPy on the shapes kldiv's benchmarks use, for the report's peer rows.

    peers.py --out peers.json [--dtype float32] [--k 4,4096] [--working-set cache,memory] [--seconds 1.0]

NumPy: (p * np.log(p / q)).sum(1); SciPy: scipy.special.rel_entr(p, q).sum(1) — forward KL of probability
rows, one thread, over the same rows × K as the Java benchmarks (WorkingSet.java: p + q ≈ 256 KiB in cache, at
least one row; ≥ 1 GiB out of cache). Each timing is one pass over all rows; the error is the 99.9% normal
confidence half-width of the mean over repeated passes, like JMH's. Exits 0 with a note, writing nothing,
when NumPy or SciPy is missing.
"""
import argparse
import json
import math
import platform
import sys
import time

CACHE_BYTES = 256 << 10
MEMORY_BYTES = 1 << 30
Z_999 = 3.2905  # two-sided 99.9% normal quantile


def rows_for(working_set, k, itemsize):
    pair = 2 * k * itemsize
    if working_set == "cache":
        return max(1, CACHE_BYTES // pair)
    return (MEMORY_BYTES + pair - 1) // pair


def make_rows(np, rows, k, dtype, seed=0x6B6C646976):
    """Probability rows shaped like BenchData's: p ∝ 1e-3 + u⁴, q = p perturbed by a factor in [0.5, 1.5)."""
    rng = np.random.default_rng(seed)
    p = rng.random((rows, k), dtype=np.float32)
    p *= p
    p *= p
    p += np.float32(1e-3)
    q = rng.random((rows, k), dtype=np.float32)
    q += np.float32(0.5)
    q *= p
    p /= p.sum(axis=1, keepdims=True, dtype=np.float64).astype(np.float32)
    q /= q.sum(axis=1, keepdims=True, dtype=np.float64).astype(np.float32)
    return p.astype(dtype, copy=False), q.astype(dtype, copy=False)


def time_pass(fn, seconds):
    fn()  # warm-up: first-touch of temporaries, lazy imports
    samples = []
    start = time.perf_counter()
    while len(samples) < 5 or (time.perf_counter() - start < seconds and len(samples) < 1000):
        t0 = time.perf_counter_ns()
        fn()
        samples.append(time.perf_counter_ns() - t0)
    n = len(samples)
    mean = sum(samples) / n
    sd = math.sqrt(sum((s - mean) ** 2 for s in samples) / (n - 1))
    return mean, Z_999 * sd / math.sqrt(n), n


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--dtype", default="float32")
    ap.add_argument("--k", default="4,32,256,4096,131072")
    ap.add_argument("--working-set", default="cache,memory")
    ap.add_argument("--seconds", type=float, default=1.0, help="time budget per row (at least 5 passes)")
    args = ap.parse_args()
    try:
        import numpy as np
        import scipy
        import scipy.special
    except ImportError as e:
        print(f"peers.py: skipped, {e.name or e} is not installed", file=sys.stderr)
        return 0

    results = []
    for dtype in args.dtype.split(","):
        np_dtype = np.dtype(dtype)
        for ws in args.working_set.split(","):
            for k in (int(x) for x in args.k.split(",")):
                rows = rows_for(ws, k, np_dtype.itemsize)
                p, q = make_rows(np, rows, k, np_dtype)
                peers = {
                    "numpy": lambda: (p * np.log(p / q)).sum(1),
                    "scipy": lambda: scipy.special.rel_entr(p, q).sum(1),
                }
                for impl, fn in peers.items():
                    mean, err, n = time_pass(fn, args.seconds)
                    results.append({"impl": impl, "measure": "kl", "dtype": dtype, "form": "prob", "k": k,
                                    "workingSet": ws, "rows": rows, "nsPerOp": mean, "errorNs": err, "samples": n})
                    print(f"peers.py: {impl:5s} {dtype} K={k:<6d} {ws:6s} {mean / (rows * k):8.3f} ns/pair "
                          f"({n} passes)", file=sys.stderr)
                del p, q
    with open(args.out, "w") as f:
        json.dump({"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__,
                   "results": results}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
