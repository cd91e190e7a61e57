"""``python -m mathreg``: output, exit codes, and one-line errors without tracebacks."""

import subprocess
import sys

import pytest

from mathreg import cli
from mathreg.symbolic import DERIVATIONS


def run(capsys, *argv):
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_list_shows_every_derivation(capsys):
    status, out, _ = run(capsys, "list")
    assert status == 0
    lines = out.strip().splitlines()
    assert len(lines) == len(DERIVATIONS)
    for line, name in zip(lines, DERIVATIONS, strict=True):
        assert line.startswith(name) and "✓ checks" in line
    assert "(8)–(11)" in out and "(12)–(13)" in out


@pytest.mark.parametrize("fmt", ["text", "latex", "markdown"])
def test_derive_each_format(capsys, fmt):
    status, out, _ = run(capsys, "derive", "l2", "--format", fmt)
    assert status == 0
    marker = {"text": "[7]", "latex": r"\begin{align}", "markdown": r"\tag{11}"}[fmt]
    assert marker in out


def test_check_all_passes(capsys):
    status, out, _ = run(capsys, "check")
    assert status == 0
    total = sum(len(build().steps) for build in DERIVATIONS.values())
    assert f"{total} passed, 0 failed" in out


def test_check_one(capsys):
    status, out, _ = run(capsys, "check", "dropout")
    assert status == 0 and "dropout:" in out and "l2:" not in out


def test_check_reports_a_failing_step_and_exits_1(capsys, monkeypatch):
    import sympy as sp

    broken = DERIVATIONS["map"]().with_step(2, sp.Eq(sp.Symbol("z"), 1))
    monkeypatch.setitem(DERIVATIONS, "map", lambda: broken)
    status, out, _ = run(capsys, "check", "map")
    assert status == 1
    assert "[2] solve (6)  ✗" in out and "0 failed" not in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["derive", "nope"], "unknown derivation 'nope'; choose from: bias-variance, cross-"),
        (["derive", "l2", "--format", "pdf"], "unknown format 'pdf'; choose from: text, latex"),
        (["check", "l2", "nope"], "unknown derivation 'nope'"),
        (["frobnicate"], "invalid choice"),
        ([], "required"),
        (["experiment", "nope"], "unknown experiment 'nope'; choose from:"),
        (["experiment", "capacity", "--out", "fig.txt"], "--out must end in .svg, .png or .pdf"),
        (["experiment", "capacity", "--seed", "-1"], "--seed must be a non-negative integer"),
        (["experiment", "capacity", "--seed", "x"], "invalid int value"),
    ],
)
def test_usage_errors_are_one_line_exit_2(capsys, argv, message):
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("mathreg: error: ")
    assert message in err


def test_missing_output_folder(capsys, tmp_path):
    status, _, err = run(capsys, "experiment", "capacity", "--out", str(tmp_path / "no" / "f.svg"))
    assert status == 2 and "does not exist" in err


def test_module_entry_point_has_no_traceback():
    done = subprocess.run(
        [sys.executable, "-m", "mathreg", "derive", "nope"], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().count("\n") == 0


def test_the_check_in_two_workers_reports_what_one_process_does():
    """`mathreg check` checks the book's derivations in worker processes; their reports, in
    order, are those of checking each derivation here."""
    from mathreg.cli import _book_report, _book_reports

    names = list(DERIVATIONS)[:3]
    assert _book_reports(names) == [_book_report(name) for name in names]
