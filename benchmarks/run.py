"""Time the numeric kernels against the memory floor and PyTorch CPU, all in one process.

Run by ``make bench``; ``--smoke`` runs tiny sizes once (seconds) so that the script cannot rot
(``tests/test_bench_smoke.py``). Prints a Markdown table and writes it to
``benchmarks/results/latest.md`` (``smoke.md`` with ``--smoke``; the folder is not committed).

For every kernel, each repeat ("round") times, in a shuffled order: the public NumPy function
(its fast path), the textbook one-liner it replaces, the memory floor and PyTorch. Rounds are
interleaved so that a slow moment of this shared machine hits all of them alike, and the median
over the rounds is reported.

- **floor**: ``np.multiply(x, y, out=z)`` over three arrays of the kernel's dtype whose sizes
  add up to the bytes the kernel must read and write (its inputs and outputs, each once),
  preallocated. The kernel also has to allocate its outputs, which costs page faults that the
  floor does not pay.
- **torch**: the same work in PyTorch eager on the CPU with ``torch.set_num_threads`` equal to
  NumPy's BLAS threads (and to the fast kernels' threads); "not installed" without torch (the
  optional extra ``bench``). The two MLP rows ask torch for the same epoch, in the same
  conditions, so they pool their torch timings into one median: torch's epochs vary by up to
  15% here, and two medians of the same epoch differed by 4% in one run. (L2 + SGD in place
  and into a new array also ask torch for the same step, but not in the same conditions: after
  NumPy's new arrays (42 or 84 MB each) torch's step was 23-158% slower in 9 of 10
  comparisons over five runs, so each row keeps its own torch median.)
- **peak**: the most memory NumPy held above the starting point during one call, traced with
  :mod:`tracemalloc`, against the size of the kernel's inputs; **temp** is the part of it that
  is not the returned arrays.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import glob
import itertools
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mathreg.numeric import (  # noqa: E402
    MLP,
    binary_cross_entropy_with_logits,
    dropout_backward,
    dropout_forward,
    fast,
    l2_penalty,
    sgd_step,
    sgd_step_,
    textbook,
)
from mathreg.numeric import _validation as v  # noqa: E402

try:
    import torch
    import torch.nn.functional as F
except ImportError:  # the optional extra "bench" is not installed
    torch = None

KEEP_PROB, LAM, LR = 0.8, 0.1, 0.01
MIB = 2**20


def _textbook_kernel(formula: Callable[..., object], scan: Callable[..., object]) -> Callable:
    """A textbook formula called as a fast kernel is: ``(result, values_ok)``, and with ``check``
    the entrywise checks first (they raise for a bad value, as the kernel's check leads to)."""

    def kernel(*args, check: bool = False):
        if check:
            scan(*args)
        return formula(*args), True

    return kernel


def _textbook_sgd_step_(W, grad, lr, lam, m):
    """The textbook step (after the entrywise checks), copied into ``W``: nothing unwritten."""
    new = textbook.sgd_step(v.float_array(W, "W"), v.float_array(grad, "grad"), lr, lam, m)
    np.copyto(W, new)
    return []


#: the fast kernels behind the public functions, and the textbook formula each one replaces
#: (with the entrywise value checks that the kernels do on the way)
TEXTBOOK_KERNELS = {
    "dropout_forward": _textbook_kernel(
        textbook.dropout_forward, lambda A, *_: v.float_array(A, "A")
    ),
    "dropout_backward": _textbook_kernel(
        textbook.dropout_backward,
        lambda dA, mask, _: (v.float_array(dA, "dA"), v.binary_mask_array(mask, "mask")),
    ),
    "binary_cross_entropy_with_logits": _textbook_kernel(
        textbook.binary_cross_entropy_with_logits,
        lambda y, z: (v.label_array(y, "y"), v.float_array(z, "z")),
    ),
    "l2_penalty": _textbook_kernel(
        textbook.l2_penalty, lambda weights, *_: v.array_sequence(weights, "weights")
    ),
    "sgd_step": _textbook_kernel(
        textbook.sgd_step,
        lambda W, grad, *_: (v.float_array(W, "W"), v.float_array(grad, "grad")),
    ),
    "sgd_step_": _textbook_sgd_step_,
}


@contextlib.contextmanager
def textbook_kernels():
    """The public functions as they were before the fast paths: same checks, textbook code."""
    saved = {name: getattr(fast, name) for name in TEXTBOOK_KERNELS}
    try:
        for name, f in TEXTBOOK_KERNELS.items():
            setattr(fast, name, f)
        yield
    finally:
        for name, f in saved.items():
            setattr(fast, name, f)


def with_textbook_kernels(f: Callable[[], object]) -> Callable[[], object]:
    """``f`` run with :func:`textbook_kernels`."""

    def run():
        with textbook_kernels():
            return f()

    return run


# -- what is measured ---------------------------------------------------------------------------


@dataclass
class Case:
    """One kernel at one size and dtype, and its baselines."""

    name: str
    dtype: str
    size: str
    numpy: Callable[[], object]
    input_bytes: int
    floor_bytes: int | None = None
    textbook: Callable[[], object] | None = None
    torch: Callable[[], object] | None = None
    samples: int | None = None  # for throughput cases (the MLP epoch)
    times: dict[str, list[float]] = field(default_factory=dict)
    peak: int | None = None
    temp: int | None = None

    def variants(self, floors: dict) -> dict[str, Callable[[], object]]:
        v = {"numpy": self.numpy}
        if self.textbook is not None:
            v["textbook"] = self.textbook
        if self.floor_bytes is not None:
            v["floor"] = floors[(self.floor_bytes, self.dtype)]
        if self.torch is not None:
            v["torch"] = self.torch
        return v

    def median(self, variant: str) -> float | None:
        t = self.times.get(variant)
        return statistics.median(t) if t else None


def pool_torch_times(cases: list[Case]) -> None:
    """Give each of ``cases``, which time the same torch work, all of its timings."""
    pooled = [t for c in cases for t in c.times.get("torch", [])]
    if pooled:  # none without torch
        for c in cases:
            c.times["torch"] = pooled


def floor_kernel(nbytes: int, dtype: str) -> Callable[[], object]:
    """``np.multiply(x, y, out=z)`` with x, y, z together ``nbytes`` long (initialised memory)."""
    n = max(1, nbytes // (3 * np.dtype(dtype).itemsize))
    x, y, z = (np.ones(n, dtype) for _ in range(3))
    return lambda: np.multiply(x, y, out=z)


def dropout_case(shape, dtype) -> Case:
    rng = np.random.default_rng(0)
    A = rng.standard_normal(shape).astype(dtype)
    dA = rng.standard_normal(shape).astype(dtype)
    gen = np.random.default_rng(1)

    def numpy_():
        out, mask = dropout_forward(A, KEEP_PROB, gen)
        return out, mask, dropout_backward(dA, mask, KEEP_PROB)

    # forward reads A, writes out and mask; backward reads dA and mask, writes dA_in
    case = Case(
        "dropout fwd+bwd",
        dtype,
        "×".join(map(str, shape)),
        numpy_,
        input_bytes=A.nbytes + dA.nbytes,
        floor_bytes=6 * A.nbytes,
        textbook=with_textbook_kernels(numpy_),
    )
    if torch is not None:
        At, dAt = torch.from_numpy(A.copy()), torch.from_numpy(dA.copy())

        def torch_():
            a = At.detach().requires_grad_()
            out = F.dropout(a, p=1 - KEEP_PROB, training=True)
            out.backward(dAt)
            return out, a.grad

        case.torch = torch_
    return case


def bce_case(n, dtype) -> Case:
    rng = np.random.default_rng(0)
    z = (rng.standard_normal(n) * 4).astype(dtype)
    y = (rng.random(n) < 0.5).astype(dtype)

    def numpy_():
        return binary_cross_entropy_with_logits(y, z)

    case = Case(
        "BCE with logits",
        dtype,
        f"{n:.0e}".replace("e+0", "e"),
        numpy_,
        input_bytes=z.nbytes + y.nbytes,
        floor_bytes=z.nbytes + y.nbytes,  # reads z and y; writes a number
        textbook=with_textbook_kernels(numpy_),
    )
    if torch is not None:
        zt, yt = torch.from_numpy(z.copy()), torch.from_numpy(y.copy())
        case.torch = lambda: F.binary_cross_entropy_with_logits(zt, yt).item()
    return case


def l2_sgd_case(shapes, dtype, in_place: bool, m=1000) -> Case:
    """The penalty of all layers, then a step of each: into a new array, or in place with
    ``sgd_step_``, as torch's optimizer steps."""
    rng = np.random.default_rng(0)
    Ws = [(rng.standard_normal(s) * 0.05).astype(dtype) for s in shapes]
    Gs = [(rng.standard_normal(s) * 0.01).astype(dtype) for s in shapes]
    n = sum(W.size for W in Ws)
    nbytes = sum(W.nbytes for W in Ws)

    def numpy_():
        penalty = l2_penalty(Ws, LAM, m)
        if in_place:  # returns nothing new: all it allocates is temporary
            for W, G in zip(Ws, Gs, strict=True):
                sgd_step_(W, G, LR, LAM, m)
            return penalty
        return penalty, [sgd_step(W, G, LR, LAM, m) for W, G in zip(Ws, Gs, strict=True)]

    # the penalty reads W; the step reads W and grad and writes the new W
    case = Case(
        "L2 penalty + SGD step " + ("(in place)" if in_place else "(new W)"),
        dtype,
        f"{n / 1e6:.1f}M params" if n >= 1e5 else f"{n} params",
        numpy_,
        input_bytes=2 * nbytes,
        floor_bytes=4 * nbytes,
        textbook=with_textbook_kernels(numpy_),
    )
    if torch is not None:
        params = []
        for W, G in zip(Ws, Gs, strict=True):
            p = torch.from_numpy(W.copy()).requires_grad_()
            p.grad = torch.from_numpy(G.copy())
            params.append(p)
        opt = torch.optim.SGD(params, lr=LR, weight_decay=LAM / m)

        def torch_():
            with torch.no_grad():
                penalty = LAM / (2 * m) * sum(p.pow(2).sum() for p in params)
            opt.step()
            return penalty.item()

        case.torch = torch_
    return case


def mlp_case(n, batch, loop: bool = False, sizes=(784, 256, 256, 1)) -> Case:
    """One epoch of minibatch SGD: ``MLP.fit(..., batch_size=batch)``, or with ``loop`` the
    public ``forward``/``backward``/``step`` per batch (which check their arguments each time)."""
    rng = np.random.default_rng(0)
    # (features, examples) as in the note, each example contiguous: the same bytes as torch's
    # (examples, features) rows below
    X = np.asfortranarray(rng.standard_normal((sizes[0], n), dtype=np.float32))
    Y = (rng.random((1, n)) < 0.5).astype(np.float32)
    net = MLP(list(sizes), rng=np.random.default_rng(1), dtype=np.float32)
    gen = np.random.default_rng(2)

    def numpy_():
        if not loop:
            steps = -(-n // batch)
            net.fit(
                X, Y, lr=LR, n_steps=steps, lam=LAM, keep_prob=KEEP_PROB, rng=gen, batch_size=batch
            )
            return
        for start in range(0, n, batch):
            Xb, Yb = X[:, start : start + batch], Y[:, start : start + batch]
            cache = net.forward(Xb, KEEP_PROB, gen)
            net.step(net.backward(cache, Yb, LAM), LR)

    case = Case(
        "MLP epoch "
        + "-".join(map(str, sizes))
        + (" (forward/backward/step loop)" if loop else " (fit)"),
        "float32",
        f"{n} samples, batch {batch}",
        numpy_,
        input_bytes=X.nbytes + Y.nbytes,
        samples=n,
    )
    if torch is not None:
        torch.manual_seed(0)
        layers = []
        for i, (n_in, n_out) in enumerate(itertools.pairwise(sizes)):
            layers.append(torch.nn.Linear(n_in, n_out))
            if i < len(sizes) - 2:
                layers += [torch.nn.ReLU(), torch.nn.Dropout(1 - KEEP_PROB)]
        model = torch.nn.Sequential(*layers)
        weights = [p for name, p in model.named_parameters() if name.endswith("weight")]
        biases = [p for name, p in model.named_parameters() if name.endswith("bias")]
        # L2 on the weights only, lam / m with m the batch's size, as MLP.backward does
        opt = torch.optim.SGD([{"params": weights}, {"params": biases, "weight_decay": 0.0}], LR)
        Xt, Yt = torch.from_numpy(X.T.copy()), torch.from_numpy(Y.T.copy())  # (examples, features)

        def torch_():
            model.train()
            for start in range(0, n, batch):
                xb, yb = Xt[start : start + batch], Yt[start : start + batch]
                opt.param_groups[0]["weight_decay"] = LAM / xb.shape[0]
                opt.zero_grad(set_to_none=True)
                F.binary_cross_entropy_with_logits(model(xb), yb).backward()
                opt.step()

        case.torch = torch_
    return case


# -- running ------------------------------------------------------------------------------------


def run_rounds(cases: list[Case], rounds: int, seed: int = 0) -> None:
    """Time every variant of every case once per round (order shuffled); one untimed warm-up."""
    floors: dict = {}
    for c in cases:
        if c.floor_bytes is not None and (c.floor_bytes, c.dtype) not in floors:
            floors[(c.floor_bytes, c.dtype)] = floor_kernel(c.floor_bytes, c.dtype)
    order = random.Random(seed)
    for c in cases:
        for f in c.variants(floors).values():
            f()
    gc.collect()
    gc.disable()
    try:
        for _ in range(rounds):
            for c in cases:
                variants = list(c.variants(floors).items())
                order.shuffle(variants)
                for name, f in variants:
                    t0 = time.perf_counter()
                    result = f()
                    c.times.setdefault(name, []).append(time.perf_counter() - t0)
                    del result
            gc.collect()
    finally:
        gc.enable()


def measure_memory(case: Case) -> None:
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        result = case.numpy()
        case.peak = tracemalloc.get_traced_memory()[1] - base
        case.temp = case.peak - _returned_bytes(result)
        del result
    finally:
        tracemalloc.stop()


def _returned_bytes(result) -> int:
    if isinstance(result, np.ndarray):
        return result.nbytes
    if isinstance(result, (tuple, list)):
        return sum(_returned_bytes(r) for r in result)
    return 0


@dataclass
class Process:
    name: str
    argv: list[str]
    times: list[float] = field(default_factory=list)
    status: str = "ok"


def run_processes(procs: list[Process], rounds: int) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for _ in range(rounds):
        for p in procs:
            if p.status != "ok":
                continue
            t0 = time.perf_counter()
            try:
                r = subprocess.run(
                    p.argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
                )
            except (OSError, subprocess.TimeoutExpired) as error:
                p.status = f"failed ({type(error).__name__})"
                continue
            if r.returncode != 0:
                last = (r.stderr or r.stdout).strip().splitlines()[-1:] or [""]
                p.status = f"failed (exit {r.returncode}: {last[0][:60]})"
                continue
            p.times.append(time.perf_counter() - t0)


# -- the report ---------------------------------------------------------------------------------


def blas_info() -> tuple[str, int | None]:
    """OpenBLAS core type and thread count of NumPy's own BLAS (via its exported functions)."""
    libs = glob.glob(str(Path(np.__file__).parent.parent / "numpy.libs" / "*openblas*"))
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix in ("scipy_openblas_", "openblas_"):
            for suffix in ("64_", ""):
                try:
                    core = getattr(lib, f"{prefix}get_corename{suffix}")
                    threads = getattr(lib, f"{prefix}get_num_threads{suffix}")
                except AttributeError:
                    continue
                core.restype = ctypes.c_char_p
                return f"OpenBLAS {core().decode()}", int(threads())
    return "unknown BLAS", None


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def fmt_ms(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    ms = seconds * 1e3
    return f"{ms:.3g}" if ms < 100 else f"{ms:.0f}"


def fmt_ratio(a: float | None, b: float | None) -> str:
    return "—" if a is None or b is None else f"{a / b:.2f}×"


def kernel_table(cases: list[Case], torch_state: str) -> list[str]:
    head = (
        "| kernel | dtype | size | numpy ms | textbook ms | floor ms | numpy/floor "
        "| torch ms | numpy/torch | peak MiB (×input) | temp ×input |"
    )
    lines = [head, _rule(head)]
    for c in cases:
        t_np, t_floor = c.median("numpy"), c.median("floor")
        t_torch = c.median("torch")
        torch_ms = fmt_ms(t_torch) if t_torch is not None else torch_state
        peak = f"{c.peak / MIB:.1f} ({c.peak / c.input_bytes:.2f}×)" if c.peak is not None else "—"
        temp = f"{c.temp / c.input_bytes:.2f}×" if c.temp is not None else "—"
        lines.append(
            f"| {c.name} | {c.dtype} | {c.size} | {fmt_ms(t_np)} | {fmt_ms(c.median('textbook'))}"
            f" | {fmt_ms(t_floor)} | {fmt_ratio(t_np, t_floor)} | {torch_ms}"
            f" | {fmt_ratio(t_np, t_torch)} | {peak} | {temp} |"
        )
    return lines


def _rule(head: str) -> str:
    return "|" + "---|" * (head.count("|") - 1)


def throughput_table(cases: list[Case], torch_state: str) -> list[str]:
    head = "| model | size | numpy samples/s | torch samples/s | numpy/torch speed | peak MiB |"
    lines = [head, _rule(head)]
    for c in cases:
        t_np, t_torch = c.median("numpy"), c.median("torch")
        torch_rate = f"{c.samples / t_torch:,.0f}" if t_torch else torch_state
        speed = f"{t_torch / t_np:.2f}×" if t_torch else "—"
        peak = f"{c.peak / MIB:.1f}" if c.peak is not None else "—"
        lines.append(
            f"| {c.name} | {c.size} | {c.samples / t_np:,.0f} | {torch_rate} | {speed} | {peak} |"
        )
    return lines


def process_table(procs: list[Process]) -> list[str]:
    head = "| command | wall s (median) | runs | status |"
    lines = [head, _rule(head)]
    for p in procs:
        wall = f"{statistics.median(p.times):.2f}" if p.times else "—"
        lines.append(f"| `{p.name}` | {wall} | {len(p.times)} | {p.status} |")
    return lines


def targets(kernels: list[Case], mlps: list[Case]) -> list[str]:
    """The issue's targets, each with the measured figure and met/missed."""
    rows = []

    def check(what: str, value: float | None, limit: float, le: bool = True) -> None:
        if value is None:
            rows.append(f"| {what} | not measured | {'≤' if le else '≥'} {limit} | — |")
            return
        ok = value <= limit if le else value >= limit
        rows.append(
            f"| {what} | {value:.3f} | {'≤' if le else '≥'} {limit} | {'met' if ok else 'MISSED'} |"
        )

    def ratio(c: Case, other: str) -> float | None:
        a, b = c.median("numpy"), c.median(other)
        return None if a is None or b is None else a / b

    for c in kernels:
        label = f"{c.name} {c.dtype} {c.size}"
        if c.name.startswith("dropout"):
            check(f"{label}: numpy / floor", ratio(c, "floor"), 2.5)
            check(f"{label}: numpy / torch", ratio(c, "torch"), 0.5)
        elif c.name.startswith("BCE") and c.size == "1e7":
            check(f"{label}: numpy / torch", ratio(c, "torch"), 0.6)
        elif c.name.startswith("L2"):  # in place, as torch's step, and into a new array
            limit = 1.0 if c.dtype == "float64" else 1.5
            check(f"{label}: numpy / torch", ratio(c, "torch"), limit)
    for c in mlps:
        t_np, t_torch = c.median("numpy"), c.median("torch")
        speed = t_torch / t_np if t_np and t_torch else None
        check(f"{c.name} {c.dtype}: numpy / torch samples/s", speed, 1.3, le=False)
    worst = max(kernels + mlps, key=lambda c: (c.temp or 0) / c.input_bytes)
    check(
        f"largest temporary ({worst.name} {worst.dtype} {worst.size}), × input",
        (worst.temp or 0) / worst.input_bytes,
        1.0,
    )
    head = "| target | measured | limit | |"
    return [head, _rule(head), *rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one round (seconds)")
    parser.add_argument("--repeats", type=int, help="rounds per kernel (default 15; smoke 1)")
    parser.add_argument("--out", type=Path, help="where to write the Markdown table")
    args = parser.parse_args(argv)
    smoke = args.smoke
    rounds = args.repeats or (1 if smoke else 15)
    # an epoch takes a second: fewer rounds, but enough for a median that torch's own spread
    # (up to 15% between epochs here) does not move much
    mlp_rounds = 1 if smoke else max(3, rounds * 3 // 5)
    out = args.out or ROOT / "benchmarks" / "results" / ("smoke.md" if smoke else "latest.md")

    blas, blas_threads = blas_info()
    threads = blas_threads or fast.THREADS
    if torch is not None:
        torch.set_num_threads(threads)
        torch_state = "not measured"
        torch_line = f"torch {torch.__version__}, {torch.get_num_threads()} threads"
    else:
        torch_state = "not installed"
        torch_line = "torch not installed (`pip install -e '.[bench]'`)"
    load_before = os.getloadavg()

    if smoke:
        kernels = [
            dropout_case((64, 32), "float32"),
            dropout_case((64, 32), "float64"),
            *(bce_case(n, d) for n in (1000, 10_000) for d in ("float32", "float64")),
            *(
                l2_sgd_case([(64, 64), (32, 16)], d, in_place)
                for in_place in (True, False)
                for d in ("float32", "float64")
            ),
        ]
        mlps = [mlp_case(256, 128), mlp_case(256, 128, loop=True)]
    else:
        layers = [(2048, 2048), (2048, 2048), (1024, 1024), (1024, 1024)]  # 10.5M parameters
        kernels = [
            dropout_case((4096, 1024), "float32"),
            dropout_case((4096, 1024), "float64"),
            *(bce_case(n, d) for n in (10**6, 10**7) for d in ("float32", "float64")),
            *(
                l2_sgd_case(layers, d, in_place)
                for in_place in (True, False)
                for d in ("float32", "float64")
            ),
        ]
        mlps = [mlp_case(60_000, 128), mlp_case(60_000, 128, loop=True)]

    print(f"timing {len(kernels)} kernels, {rounds} interleaved rounds …", file=sys.stderr)
    run_rounds(kernels, rounds)
    for c in kernels:
        measure_memory(c)
    print("timing the MLP epoch …", file=sys.stderr)
    run_rounds(mlps, mlp_rounds)
    pool_torch_times(mlps)  # the same torch epoch for fit and the loop
    for c in mlps:
        measure_memory(c)

    site = tempfile.mkdtemp(prefix="mathreg-bench-site-")
    procs = [Process("python -m mathreg check", [sys.executable, "-m", "mathreg", "check"])]
    mkdocs = Process(
        "mkdocs build --strict", [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", site]
    )
    if smoke:
        mkdocs.status = "skipped (--smoke)"
    procs.append(mkdocs)
    print("timing whole processes …", file=sys.stderr)
    run_processes(procs, 1 if smoke else 3)
    subprocess.run(["rm", "-rf", site], check=False)
    load_after = os.getloadavg()

    coretype = os.environ.get("OPENBLAS_CORETYPE")
    lines = [
        f"# mathreg benchmarks{' (smoke: tiny sizes, not timings)' if smoke else ''}",
        "",
        f"- machine: {cpu_model()}, {os.cpu_count()} CPUs; "
        f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after",
        f"- numpy {np.__version__} with {blas}, {blas_threads} BLAS threads "
        f"(OPENBLAS_CORETYPE {'=' + coretype if coretype else 'unset'}); "
        f"fast kernels: {fast.THREADS} threads; {torch_line}",
        f"- medians of {rounds} interleaved rounds (MLP: {mlp_rounds}); "
        "ratios are numpy's time over the other's (below 1: numpy is faster)",
        "- numpy: the public function; textbook: the same function with its textbook code in place"
        " of the fast kernel (same argument checks); floor: `np.multiply(x, y, out=z)` over the"
        " bytes the kernel reads and writes, into preallocated memory (the kernel must also"
        " allocate its outputs); torch: the same work in PyTorch eager, same threads; the two MLP"
        " rows share one median of all their torch epochs (the same work)",
        "- peak: most memory NumPy held during one call (tracemalloc), × the inputs' size; temp:"
        " the part of it that is not returned",
        "",
        *kernel_table(kernels, torch_state),
        "",
        *throughput_table(mlps, torch_state),
        "",
        *process_table(procs),
        "",
        "## Targets",
        "",
        *targets(kernels, mlps),
        "",
    ]
    text = "\n".join(lines)
    print(text)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    print(f"written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
