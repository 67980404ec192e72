"""The NumPy job kldiv is timed against: KL(p||q) per row of two float32 .npy files, saved as float64 .npy.

    python3 bench/numpy_kl.py P.npy Q.npy OUT.npy

Inputs are memory-mapped and scored in chunks of rows, as a careful NumPy user would for files larger than RAM.
"""
import sys

import numpy as np

CHUNK_ROWS = 16384


def main(p_file, q_file, out_file):
    p = np.load(p_file, mmap_mode="r")
    q = np.load(q_file, mmap_mode="r")
    out = np.empty(p.shape[0], dtype=np.float64)
    for start in range(0, p.shape[0], CHUNK_ROWS):
        pc = p[start:start + CHUNK_ROWS]
        qc = q[start:start + CHUNK_ROWS]
        out[start:start + CHUNK_ROWS] = (pc * np.log(pc / qc)).sum(1)
    np.save(out_file, out)


if __name__ == "__main__":
    main(*sys.argv[1:4])
