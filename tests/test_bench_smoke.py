"""``benchmarks/run.py --smoke`` runs and prints every row, so ``make bench`` cannot rot.

Only the shape of the report is checked: timings on a shared machine mean nothing in a test.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ROWS = [
    "| dropout fwd+bwd | float32 |",
    "| dropout fwd+bwd | float64 |",
    "| BCE with logits | float32 | 1e3 |",
    "| BCE with logits | float64 | 1e4 |",
    "| L2 penalty + SGD step (in place) | float32 |",
    "| L2 penalty + SGD step (in place) | float64 |",
    "| L2 penalty + SGD step (new W) | float32 |",
    "| L2 penalty + SGD step (new W) | float64 |",
    "| MLP epoch 784-256-256-1 (fit) |",
    "| MLP epoch 784-256-256-1 (forward/backward/step loop) |",
    "| `python -m mathreg check` |",
    "| `mkdocs build --strict` |",
    "## Targets",
]


def test_smoke_run_prints_and_writes_every_row(tmp_path):
    out = tmp_path / "smoke.md"
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--smoke", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    for row in ROWS:
        assert row in result.stdout, f"missing {row!r} in:\n{result.stdout}"
    assert out.read_text().rstrip("\n") == result.stdout.rstrip("\n")
    assert "| ok |" in result.stdout  # python -m mathreg check ran and passed
    torch_column = "not installed" in result.stdout or " torch 2." in result.stdout
    assert torch_column


def test_cases_with_the_same_torch_work_share_all_its_timings():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import run
    finally:
        sys.path.pop(0)

    def case(name, torch_times):
        c = run.Case(name, "float32", "n", lambda: None, input_bytes=1)
        c.times = {"numpy": [1.0], "torch": list(torch_times)}
        return c

    fit, loop, other = case("fit", [1, 2, 9]), case("loop", [3, 4]), case("other", [7])
    run.pool_torch_times([fit, loop])
    assert sorted(fit.times["torch"]) == sorted(loop.times["torch"]) == [1, 2, 3, 4, 9]
    assert fit.median("torch") == loop.median("torch") == 3
    assert other.times["torch"] == [7]  # a case not passed is left alone
    untimed = [case("a", []), case("b", [])]  # no torch installed: nothing to pool
    run.pool_torch_times(untimed)
    assert all(c.median("torch") is None for c in untimed)
