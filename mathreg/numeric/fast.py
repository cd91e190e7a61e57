r"""Fast kernels behind the public functions: the same math in fewer passes over memory.

Each kernel here has the name and arguments of the formula it computes in
:mod:`mathreg.numeric.textbook`, plus a keyword ``check``, and returns ``(result, values_ok)``
(see below); :func:`sgd_step_`, which writes into ``W`` as its name says, returns the parts of
``W`` it left unwritten instead. The public functions of :mod:`mathreg.numeric`
(:func:`~mathreg.numeric.dropout_forward`, :func:`~mathreg.numeric.dropout_backward`,
:func:`~mathreg.numeric.binary_cross_entropy_with_logits`, :func:`~mathreg.numeric.l2_penalty`,
:func:`~mathreg.numeric.sgd_step`, :func:`~mathreg.numeric.sgd_step_`) check their arguments
and then call a kernel here; ``tests/test_fast.py`` checks every kernel against the textbook.

Why the textbook one-liners are slow on large arrays: ``(1 - lr * lam / m) * W - lr * grad``
makes a new full-size array for every operator, and each is written to memory and read back
(and a fresh large array costs page faults on top). The kernels here walk the arrays in blocks
of :data:`BLOCK` elements, small enough that intermediate results stay in the CPU cache, and
apply the *same* NumPy operations in the same order with ``out=`` buffers reused from block to
block. An IEEE operation rounds the same wherever it runs, so elementwise results are identical
to the textbook ones, bit for bit. Sums are the one place where the order of operations
changes: blocks are summed separately and the block sums added exactly with :func:`math.fsum`.

Large arrays are split into :data:`THREADS` contiguous parts processed at once (NumPy releases
the GIL inside each operation); by default one per CPU this process may use, as the BLAS does.
Results do not depend on the number of threads. An array of at most one block (a layer's
activations for a minibatch, say) is done on the calling thread with the loop's body alone: its
set-up (a worker function, a block iterator, lists of partial results) took a quarter of the
time of dropout on a (256, 128) float32 layer (48 µs, now 36) and a third of an SGD step on a
bias (8 µs, now 5).

The kernels assume checked types, shapes and scalars, and never modify their inputs (but
:func:`sgd_step_`). Inputs that are not C-contiguous (a transposed view, say) are copied once.

Checking the values on the way
------------------------------
Reading every entry of a large input once more, only to see that it is finite (or a mask or
label 0 or 1), costs about as much as a kernel's own pass. So with ``check=True`` a kernel
checks the values while each block is in the cache, and reports ``values_ok``: a sum of the
results is finite exactly when every input value was (an infinity or NaN propagates and never
cancels), unless a result overflowed; masks and labels satisfy :math:`m \cdot m = m`, which
holds exactly for 0 and 1 (and :math:`+\infty`, which makes the sum infinite). A checking
kernel raises and warns about nothing, and :func:`dropout_forward` leaves the generator as it
was when its check fails. The public function first checks what costs nothing (types, dtypes,
shapes, scalars); if the kernel reports a failed check, it runs the entrywise checks of
:mod:`mathreg.numeric._validation`, which raise the usual error, or, if the inputs were valid
and a result merely overflowed, calls the kernel again without ``check``, under the caller's
:func:`numpy.errstate` (:func:`mathreg.numeric._validation.run_checked`).

The dropout mask from raw random bits
-------------------------------------
The textbook mask is :math:`D = \mathbb 1[U < k]` with :math:`U \sim \mathcal U(0, 1)` and
:math:`k` = ``keep_prob``. A floating-point :math:`U` costs 32 or 64 random bits per unit, yet the
comparison :math:`U < k` is almost always decided by the first few binary digits of :math:`U`.
So :func:`dropout_mask` draws :math:`U = 0.b_1 b_2 b_3\ldots` *lazily*, digit by digit:

1. Its first 8 binary digits form an integer :math:`r \in \{0, \dots, 255\}`, uniform: one
   byte of ``rng.integers(0, 2**64, dtype=np.uint64)``, eight units per 64-bit word.
2. With :math:`t = \lfloor 2^{8} k \rfloor`: if :math:`r < t` then
   :math:`U < (r + 1)/2^{8} \le k`: keep. If :math:`r > t` then :math:`U \ge (t + 1)/2^{8} > k`:
   drop.
3. Only if :math:`r = t` (probability :math:`2^{-8}`) is the comparison undecided. Then the next
   64 digits of :math:`U` are drawn as one word :math:`w` and the unit is kept iff
   :math:`w < \lceil (2^{8} k - t)\, 2^{64} \rceil`.

Hence :math:`P(D = 1) = \lceil 2^{72} k \rceil / 2^{72}`, which is **exactly** ``keep_prob`` for
every double :math:`k \ge 2^{-20}` (then :math:`2^{72} k` is an integer) and within
:math:`2^{-72}` of it below that: more exact than the textbook's
``rng.random(A.shape, dtype=np.float32) < keep_prob``, which rounds the probability to a multiple
of :math:`2^{-24}`. The mask is a different sample than the textbook's for the same seed (the
generator's bits are used differently), with the same distribution; the output is
``A * mask / keep_prob`` for that mask, bit for bit.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import itertools
import math
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction

import numpy as np

__all__ = [
    "BLOCK",
    "DIGIT_BITS",
    "THREADS",
    "binary_cross_entropy_with_logits",
    "dropout_backward",
    "dropout_forward",
    "dropout_mask",
    "keep_thresholds",
    "l2_penalty",
    "sgd_step",
    "sgd_step_",
]

#: Elements per block: 65536 float64 values are 512 KiB, so a block's buffers stay in a 2 MiB L2
#: cache. Smaller blocks mean more NumPy calls, and with two threads each call is a hand-over of
#: the GIL: on this 2-core machine 32768 was 5-25% slower (float32 most), 131072 no faster in
#: float64. A multiple of 8, so that the random words split evenly into digits.
BLOCK = 1 << 16

#: Binary digits of :math:`U` compared first (one 64-bit random word gives 64 / DIGIT_BITS).
DIGIT_BITS = 8

#: Threads used for arrays of at least :data:`PARALLEL_MIN` elements: the CPUs this process may
#: run on, or the environment variable ``MATHREG_THREADS``.
THREADS = max(
    1,
    int(os.environ.get("MATHREG_THREADS") or 0)
    or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1),
)

#: Below this many elements the kernels run on the calling thread only.
PARALLEL_MIN = 1 << 20

_DIGITS_PER_WORD = 64 // DIGIT_BITS
_DIGIT_DTYPE = np.dtype(f"<u{DIGIT_BITS // 8}")
_pool: ThreadPoolExecutor | None = None


# -- blocks and threads -------------------------------------------------------------------------


def _blocks(lo: int, hi: int):
    for start in range(lo, hi, BLOCK):
        yield start, min(start + BLOCK, hi)


def _flat(x: np.ndarray) -> np.ndarray:
    """A C-ordered 1-D view of ``x`` (a copy only when ``x`` is not C-contiguous)."""
    return np.ascontiguousarray(x).reshape(-1)


def _parts(n: int) -> list[tuple[int, int]]:
    """Split ``range(n)`` into at most :data:`THREADS` parts whose bounds are multiples of BLOCK."""
    k = THREADS if n >= PARALLEL_MIN else 1
    if k == 1:
        return [(0, n)]
    blocks = -(-n // BLOCK)
    bounds = [min(n, (blocks * i // k) * BLOCK) for i in range(k + 1)]
    return [(lo, hi) for lo, hi in itertools.pairwise(bounds) if hi > lo]


def _quiet(check: bool) -> contextlib.AbstractContextManager:
    """No floating-point warnings or errors while checking: a checked kernel reads its sums."""
    return np.errstate(all="ignore") if check else contextlib.nullcontext()


def _map_parts(work: Callable[[int, int], object], n: int) -> list:
    """``[work(lo, hi) for (lo, hi) in _parts(n)]``, the parts run at once on worker threads.

    Each worker runs in a copy of the caller's context, so ``np.errstate`` applies there too.
    """
    global _pool
    parts = _parts(n)
    if len(parts) == 1:
        return [work(*parts[0])]
    if _pool is None:
        _pool = ThreadPoolExecutor(THREADS - 1, thread_name_prefix="mathreg-fast")
    futures = [_pool.submit(contextvars.copy_context().run, work, lo, hi) for lo, hi in parts[1:]]
    first = work(*parts[0])
    return [first, *(f.result() for f in futures)]


# -- dropout ------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def keep_thresholds(keep_prob: float) -> tuple[int, int]:
    r"""The integers :math:`t = \lfloor 2^{8} k \rfloor` and
    :math:`\lceil (2^{8} k - t)\, 2^{64} \rceil` that decide :math:`U < k` (see the module).

    Computed with exact rational arithmetic from the double ``keep_prob`` in (0, 1).

    >>> keep_thresholds(0.5)
    (128, 0)
    >>> t, t_tie = keep_thresholds(0.8)
    >>> from fractions import Fraction
    >>> Fraction(t * 2**64 + t_tie, 2**72) == Fraction(0.8)   # P(keep) is exactly the double 0.8
    True
    """
    scaled = Fraction(keep_prob) * 2**DIGIT_BITS
    t = math.floor(scaled)
    t_tie = math.ceil((scaled - t) * 2**64)
    return t, min(t_tie, 2**64 - 1)  # the min only matters below keep_prob = 2**-20


#: Bit generators whose raw output is 64 bits: their ``random_raw`` is exactly
#: ``Generator.integers(0, 2**64, dtype=np.uint64)`` (tested), with less overhead per call.
_RAW64 = (np.random.PCG64, np.random.PCG64DXSM, np.random.Philox, np.random.SFC64)


def _words(rng: np.random.Generator, n: int) -> np.ndarray:
    """``rng.integers(0, 2**64, size=n, dtype=np.uint64)``: n uniform 64-bit words."""
    if type(rng.bit_generator) in _RAW64:
        return rng.bit_generator.random_raw(n)
    return rng.integers(0, 2**64, size=n, dtype=np.uint64)


def _digits(rng: np.random.Generator, n: int) -> np.ndarray:
    # the first DIGIT_BITS binary digits of U for n units: ceil(n / 8) words, one byte per unit
    return _words(rng, -(-n // _DIGITS_PER_WORD)).view(_DIGIT_DTYPE)[:n]


def _mask_and_apply(
    d: np.ndarray,
    keep_prob: float,
    rng: np.random.Generator,
    a: np.ndarray | None = None,
    o: np.ndarray | None = None,
    check: bool = False,
) -> bool:
    # d = 1[U < keep_prob] (flat); if a is given also o = a * d / keep_prob, block by block;
    # with check, returns whether the sum of o is finite (see the module notes)
    t, t_tie = keep_thresholds(keep_prob)
    digits = _digits(rng, d.size)
    if d.size <= BLOCK:  # one block, on this thread: settle every unit, then apply the mask
        np.less(digits, t, out=d)
        tie = np.flatnonzero(digits == t)
        if tie.size:  # the same words, for the same units, as the loop below draws
            d[tie] = _words(rng, tie.size) < np.uint64(t_tie)
        if a is None:
            return True
        with _quiet(check):
            _dropout_block(a, d, keep_prob, o)
            return not check or math.isfinite(_finite_sum(o))

    def work(lo: int, hi: int) -> tuple[list[np.ndarray], float]:
        ties, total = [], 0.0
        with _quiet(check):
            for start, stop in _blocks(lo, hi):
                r, mask = digits[start:stop], d[start:stop]
                np.less(r, t, out=mask)
                tie = np.flatnonzero(r == t)
                if tie.size:
                    ties.append(tie + start)
                if a is not None:
                    block = o[start:stop]
                    _dropout_block(a[start:stop], mask, keep_prob, block)
                    if check:
                        total += _finite_sum(block)
        return ties, total

    parts = _map_parts(work, d.size)
    total = sum(part_total for _, part_total in parts)
    ties = [tie for part, _ in parts for tie in part]
    if ties:  # about one unit in 256: compare the next 64 digits of U, in order of the units
        index = np.concatenate(ties)
        d[index] = _words(rng, index.size) < np.uint64(t_tie)
        if a is not None:
            with _quiet(check):
                o[index] = redone = a[index] * d[index] / keep_prob
                total += _finite_sum(redone) if check else 0.0
    return math.isfinite(total)


def dropout_mask(shape: tuple[int, ...], keep_prob: float, rng: np.random.Generator) -> np.ndarray:
    r"""The mask :math:`D = \mathbb 1[U < \text{keep\_prob}]`, from raw random bits, as bool.

    Unit :math:`i` (in C order) reads byte :math:`i` of
    ``rng.integers(0, 2**64, size=ceil(n / 8), dtype=np.uint64)`` (little-endian) as its first
    8 digits :math:`r_i`; then each tie :math:`r_i = t`, in order of :math:`i`, gets one more
    word. ``keep_prob = 1`` keeps every unit and draws nothing.
    """
    mask = np.empty(shape, np.bool_)
    if keep_prob == 1.0:
        mask.fill(True)
    else:
        _mask_and_apply(mask.reshape(-1), keep_prob, rng)
    return mask


def dropout_forward(
    A: np.ndarray, keep_prob: float, rng: np.random.Generator, *, check: bool = False
) -> tuple[tuple[np.ndarray, np.ndarray], bool]:
    r"""``((A * mask / keep_prob, mask), values_ok)`` with the mask of :func:`dropout_mask`.

    One pass over ``A``: each block is masked and rescaled while its mask is still in the cache.
    With ``check``, ``values_ok`` says whether ``A`` was finite (see the module notes); when it
    is False the generator is set back to its state before the call.
    """
    out = np.empty(A.shape, A.dtype)
    mask = np.empty(A.shape, np.bool_)
    if keep_prob == 1.0:
        mask.fill(True)
        np.copyto(out, A)  # A * 1 / 1 is A, bit for bit (-0.0 included)
        with np.errstate(all="ignore"):
            return (out, mask), not check or math.isfinite(_finite_sum(out.reshape(-1)))
    state = rng.bit_generator.state if check else None
    finite = _mask_and_apply(mask.reshape(-1), keep_prob, rng, _flat(A), out.reshape(-1), check)
    if not finite:
        rng.bit_generator.state = state
    return (out, mask), finite


def dropout_backward(
    dA: np.ndarray, mask: np.ndarray, keep_prob: float, *, check: bool = False
) -> tuple[np.ndarray, bool]:
    r"""``(dA * mask / keep_prob, values_ok)``, a new array of ``dA``'s dtype: eq. (15).

    Also the forward pass for a given mask (``bool`` or 0/1 floats). With ``check``,
    ``values_ok`` says whether ``dA`` was finite and ``mask`` all 0 and 1; False can also mean
    that a product overflowed, so the caller then checks the inputs entrywise.
    """
    out = np.empty(dA.shape, dA.dtype)
    a, d, o = _flat(dA), _flat(mask), out.reshape(-1)
    check_mask = check and d.dtype != np.bool_
    if a.size <= BLOCK and not check_mask:  # one block, on this thread: the loop's two lines
        with _quiet(check):
            _dropout_block(a, d, keep_prob, o)
            return out, not check or math.isfinite(_finite_sum(o))

    def work(lo: int, hi: int) -> tuple[float, bool]:
        total, mask_ok = 0.0, True
        if check_mask:
            square, same = np.empty(min(BLOCK, hi - lo), d.dtype), np.empty(BLOCK, np.bool_)
        with _quiet(check):
            for start, stop in _blocks(lo, hi):
                block = o[start:stop]
                _dropout_block(a[start:stop], d[start:stop], keep_prob, block)
                if check:
                    total += _finite_sum(block)
                if check_mask:  # m * m == m exactly iff m is 0 or 1 (or inf: then out is not)
                    n, m = stop - start, d[start:stop]
                    np.multiply(m, m, out=square[:n])
                    mask_ok &= bool(np.equal(square[:n], m, out=same[:n]).all())
        return total, mask_ok

    parts = _map_parts(work, a.size)
    return out, not check or _ok(parts)


def _dropout_block(a: np.ndarray, d: np.ndarray, keep_prob: float, out: np.ndarray) -> None:
    # A * D / keep_prob on one block, the textbook's two operations in its order
    np.multiply(a, d, out=out, dtype=a.dtype)
    np.divide(out, keep_prob, out=out)


def _ok(parts: list[tuple[float, bool]]) -> bool:
    # a sum is finite iff every term is (no inf - inf ever cancels), unless it overflowed
    return all(flag for _, flag in parts) and math.isfinite(sum(total for total, _ in parts))


# -- binary cross-entropy from logits -----------------------------------------------------------


def binary_cross_entropy_with_logits(
    y: np.ndarray, z: np.ndarray, *, check: bool = False
) -> tuple[float, bool]:
    r"""The mean over the examples of :math:`\max(z, 0) - z y + \log(1 + e^{-|z|})`, and
    ``values_ok``: with ``check``, whether ``z`` was finite and ``y`` all 0 and 1.

    Each element goes through the textbook's operations (the subtraction
    :math:`\max(z, 0) - z y` is exact for :math:`y \in \{0, 1\}`), so the terms are identical.
    Each block's terms are summed pairwise in float64 and the block sums added with
    :func:`math.fsum`: in float64 this agrees with the textbook ``np.mean`` to a few units in the
    last place; in float32 it is *more* accurate than ``np.mean``, which accumulates in float32.
    Logits of any size stay finite: :math:`e^{-|z|} \le 1`.
    """
    zf, yf = _flat(z), _flat(y)
    check_labels = check and yf.dtype != np.bool_

    def work(lo: int, hi: int) -> tuple[list[float], bool]:
        size = min(BLOCK, hi - lo)
        soft, term, pos = (np.empty(size, z.dtype) for _ in range(3))
        if check_labels:
            square, same = np.empty(size, yf.dtype), np.empty(size, np.bool_)
        sums, labels_ok = [], True
        with _quiet(check):
            for start, stop in _blocks(lo, hi):
                n = stop - start
                zb, yb, s, u, p = zf[start:stop], yf[start:stop], soft[:n], term[:n], pos[:n]
                np.abs(zb, out=s)
                np.negative(s, out=s)
                np.exp(s, out=s)
                np.log1p(s, out=s)  # log(1 + exp(-|z|))
                np.multiply(zb, yb, out=u, dtype=z.dtype)  # z y
                np.maximum(zb, 0, out=p)
                np.subtract(p, u, out=u)  # max(z, 0) - z y
                np.add(u, s, out=u)
                sums.append(float(np.add.reduce(u, dtype=np.float64)))
                if check_labels:  # y * y == y exactly iff y is 0 or 1 (or inf: then the sum is not)
                    np.multiply(yb, yb, out=square[:n])
                    labels_ok &= bool(np.equal(square[:n], yb, out=same[:n]).all())
        return sums, labels_ok

    parts = _map_parts(work, zf.size)
    if check and not _ok([(sum(sums), ok) for sums, ok in parts]):
        return math.nan, False
    return _fsum_over([s for sums, _ in parts for s in sums], zf.size), True


# -- L2 penalty and the weight-decay step -------------------------------------------------------


def l2_penalty(
    weights: Sequence[np.ndarray], lam: float, m: int, *, check: bool = False
) -> tuple[float, bool]:
    r""":math:`\frac{\lambda}{2m} \sum_l \lVert W^{(l)} \rVert_F^2`, the squares summed in float64
    with no full-size temporary; ``values_ok``: whether that sum is finite.

    Float32 weights are converted to float64 block by block, where their squares are exact
    (24-bit significands), as in the textbook ``np.square(W, dtype=np.float64)``. Each block's
    squares are summed by :func:`numpy.einsum` (NumPy's own vectorised loop: a BLAS dot product
    would start threads of its own and compete with the kernel's) and the block sums are added
    with :func:`math.fsum`. The sum is computed, and can be checked, at no extra cost, so
    ``check`` changes nothing.
    """
    partial: list[float] = []
    for W in weights:
        x = _flat(W)

        def work(lo: int, hi: int, x: np.ndarray = x) -> list[float]:
            convert = x.dtype != np.float64
            buffer = np.empty(min(BLOCK, hi - lo), np.float64) if convert else None
            sums = []
            for start, stop in _blocks(lo, hi):
                block = x[start:stop]
                if convert:
                    block = buffer[: stop - start]
                    np.copyto(block, x[start:stop])
                sums.append(float(np.einsum("i,i->", block, block)))
            return sums

        partial += [s for part in _map_parts(work, x.size) for s in part]
    squared_norms = _fsum_over(partial, 1)
    return lam / (2 * m) * squared_norms, math.isfinite(squared_norms)


def sgd_step(
    W: np.ndarray, grad: np.ndarray, lr: float, lam: float, m: int, *, check: bool = False
) -> tuple[np.ndarray, bool]:
    r"""Eq. (13), :math:`(1 - \alpha\lambda/m) W - \alpha\,\operatorname{back}(W)`, a new array;
    with ``check``, ``values_ok`` says whether the result is finite (see the module notes).

    The textbook ``(1.0 - lr * lam / m) * W - lr * grad`` block by block: the same three
    operations, with one block buffer for :math:`\alpha\,\operatorname{back}(W)` instead of
    three full-size temporaries.
    """
    decay = 1.0 - lr * lam / m
    out = np.empty(W.shape, W.dtype)
    w, g, o = _flat(W), _flat(grad), out.reshape(-1)
    if w.size <= BLOCK:  # one block, on this thread: the loop below without its set-up
        with _quiet(check):
            _step_block(w, g, decay, lr, o, np.empty_like(w))
            return out, not check or math.isfinite(_finite_sum(o))

    def work(lo: int, hi: int) -> tuple[float, bool]:
        scaled = np.empty(min(BLOCK, hi - lo), W.dtype)
        total = 0.0
        with _quiet(check):
            for start, stop in _blocks(lo, hi):
                block = o[start:stop]
                _step_block(w[start:stop], g[start:stop], decay, lr, block, scaled)
                if check:
                    total += _finite_sum(block)
        return total, True

    parts = _map_parts(work, w.size)
    return out, not check or _ok(parts)


def sgd_step_(
    W: np.ndarray, grad: np.ndarray, lr: float, lam: float, m: int
) -> list[tuple[int, int]]:
    r""":func:`sgd_step` written into ``W`` (C-contiguous), a block only if it comes out finite.

    Each block's new values are computed in a buffer with the same three operations and
    copied into ``W`` once their sum is finite. At the first block whose sum is not (a NaN or
    inf in ``W`` or ``grad``, an overflow, or a sum of huge values), a thread stops and leaves
    the rest of its part of ``W`` as it was. Returns those unwritten ranges of ``W``'s flat
    C-order indices, ``(start, stop)``: empty when all of ``W`` was updated.
    """
    decay = 1.0 - lr * lam / m
    w, g = W.reshape(-1), _flat(grad)

    def work(lo: int, hi: int) -> list[tuple[int, int]]:
        new, scaled = (np.empty(min(BLOCK, hi - lo), W.dtype) for _ in range(2))
        with np.errstate(all="ignore"):
            for start, stop in _blocks(lo, hi):
                block = new[: stop - start]
                _step_block(w[start:stop], g[start:stop], decay, lr, block, scaled)
                if not math.isfinite(_finite_sum(block)):
                    return [(start, hi)]
                np.copyto(w[start:stop], block)
        return []

    return [left for part in _map_parts(work, w.size) for left in part]


def _step_block(
    w: np.ndarray, g: np.ndarray, decay: float, lr: float, out: np.ndarray, scratch: np.ndarray
) -> None:
    # eq. (13) on one block, the textbook's three operations in its order:
    # out = decay * w - lr * g, with lr * g in scratch (at least as long as the block)
    scaled = scratch[: w.size]
    np.multiply(w, decay, out=out)
    np.multiply(g, lr, out=scaled)
    np.subtract(out, scaled, out=out)


def _finite_sum(block: np.ndarray) -> float:
    # a sum that is finite iff every entry is, unless it overflows (the callers then look
    # entrywise); einsum's vectorised loop is 3x faster than the pairwise np.add.reduce
    return float(np.einsum("i->", block))


def _fsum_over(sums: list[float], n: int) -> float:
    # math.fsum(sums) / n for sums >= 0: the exactly rounded total, divided once. fsum raises
    # OverflowError when its running total passes the largest float, even where the total / n
    # is finite (a mean of huge terms); scaled by 2**-64, which is exact, the total fits
    try:
        return math.fsum(sums) / n
    except OverflowError:
        scaled = math.fsum(math.ldexp(s, -64) for s in sums) / n
        try:
            return math.ldexp(scaled, 64)
        except OverflowError:  # the total / n itself is beyond the largest float
            return math.inf
