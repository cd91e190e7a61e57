"""``mathreg check FILE.py`` and ``mathreg derive FILE.py:NAME``: a reader's own derivations.

The examples in ``examples/`` must check through the command line; every mistake in a file is
a one-line usage error (exit 2, no traceback); a false step is exit 1; a file gets exactly the
engine's checks (no rule of its own, no change to the engine).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mathreg import cli
from mathreg.reader import EngineSeal, derivations_in, load

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))

HEADER = """\
import sympy as sp
from mathreg.proof import Derivation, Step
from mathreg.rules import Equal, Premise
x, y = sp.symbols("x y")
"""

SQUARE = (
    HEADER
    + """
def square() -> Derivation:
    return Derivation("square", "A square", (), (
        Step(sp.Eq(y, (x + 1) ** 2), Premise(), "given"),
        Step(sp.Eq(y, {rhs}), Equal(), "expand"),
    ))
"""
)


def run(capsys, *argv):
    status = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def write(tmp_path: Path, text: str, name: str = "mine.py") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_there_are_examples():
    names = {path.stem for path in EXAMPLES}
    assert {"softplus", "beta_bernoulli_map", "dropout_mean", "ridge_gradient"} <= names


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_each_example_checks_through_the_command_line(capsys, path):
    status, out, err = run(capsys, "check", path.relative_to(ROOT))
    assert status == 0, out + err
    assert " 0 failed" in out and "✗" not in out
    assert "rests on: the premise" in out


def test_an_example_checks_in_a_fresh_process():
    done = subprocess.run(
        [sys.executable, "-m", "mathreg", "check", "examples/softplus.py"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "examples/softplus.py:softplus: The derivative of softplus is the sigmoid" in done.stdout
    assert "3 passed, 0 failed: 1 derivations" in done.stdout


def test_check_prints_one_line_per_step_and_the_ledger_summary(capsys, tmp_path):
    path = write(tmp_path, SQUARE.format(rhs="x**2 + 2*x + 1"))
    status, out, _ = run(capsys, "check", path)
    assert status == 0
    assert out.splitlines()[:4] == [
        f"{path}:square: A square",
        "  [1] premise  ○ assumed",
        "  [2] equal  ✓",
        "  rests on: the premise",
    ]


def test_a_false_step_exits_1_naming_the_step(capsys, tmp_path):
    path = write(tmp_path, SQUARE.format(rhs="x**2 + x + 1"))
    status, out, err = run(capsys, "check", path)
    assert status == 1 and err == ""
    assert "  [2] equal  ✗ right-hand side: the step has x**2 + x + 1" in out
    assert "1 passed, 1 failed" in out


def test_book_names_and_files_mix(capsys, tmp_path):
    path = write(tmp_path, SQUARE.format(rhs="x**2 + 2*x + 1"))
    status, out, _ = run(capsys, "check", "map", f"{path}:square")
    assert status == 0
    assert out.startswith("map: ") and f"{path}:square: A square" in out
    assert ": 2 derivations" in out


@pytest.mark.parametrize("fmt", ["text", "latex", "markdown"])
def test_derive_a_reader_derivation(capsys, fmt):
    status, out, _ = run(capsys, "derive", "examples/softplus.py:softplus", "--format", fmt)
    assert status == 0
    marker = {
        "text": "What this proof rests on:",
        "latex": r"\begin{align}",
        "markdown": '??? info "What this proof rests on"',
    }[fmt]
    assert marker in out


def test_derive_needs_no_name_when_the_file_has_one_derivation(capsys):
    status, out, _ = run(capsys, "derive", "examples/softplus.py")
    assert status == 0 and "[3] equal" in out and "What this proof rests on:" in out


def test_the_derivations_mapping_gives_names_and_order(capsys):
    status, out, _ = run(capsys, "check", "examples/dropout_mean.py")
    assert status == 0
    headers = [line for line in out.splitlines() if not line.startswith(" ")]
    assert headers[:2] == [
        "examples/dropout_mean.py:mean: Inverted dropout keeps the expected activation",
        "examples/dropout_mean.py:second-moment: The second moment of inverted dropout's output",
    ]


def test_functions_in_file_order_and_only_the_files_own(tmp_path):
    path = write(
        tmp_path,
        HEADER
        + """
from mathreg.symbolic.ridge import ridge   # imported: not this file's
def second() -> Derivation:
    return Derivation("b", "b", (), (Step(sp.Eq(y, x), Premise(), "p"),))
def _private() -> Derivation:
    return second()
def helper():
    return 1
def first() -> "Derivation":
    return Derivation("a", "a", (), (Step(sp.Eq(y, x), Premise(), "p"),))
""",
    )
    assert list(derivations_in(load(path))) == ["second", "first"]


def test_the_books_registry_imported_into_a_file_is_not_the_files(tmp_path):
    path = write(
        tmp_path,
        SQUARE.format(rhs="x**2 + 2*x + 1") + "from mathreg.symbolic import DERIVATIONS\n",
    )
    assert list(derivations_in(load(path))) == ["square"]


def test_a_file_imports_its_neighbours(capsys, tmp_path):
    write(tmp_path, "import sympy as sp\nZ = sp.Symbol('z')\n", name="shared_names.py")
    path = write(
        tmp_path,
        HEADER
        + """
from shared_names import Z
def uses() -> Derivation:
    return Derivation("u", "u", (), (
        Step(sp.Eq(y, Z * (Z + 1)), Premise(), "p"), Step(sp.Eq(y, Z**2 + Z), Equal(), "e")))
""",
    )
    before = list(sys.path)
    status, out, err = run(capsys, "check", path)
    assert status == 0, out + err
    assert sys.path == before


BAD_FILES = {
    "syntax": ("def broken(:\n", "mine.py, line 1: syntax error: "),
    "raises": (
        "x = 1\nraise ValueError('no luck')\n",
        "line 2: loading it raised ValueError: no luck",
    ),
    "exits": ("import sys\nsys.exit(3)\n", "loading it raised SystemExit: 3"),
    "nothing": ("x = 1\ndef f():\n    return x\n", "no derivations found: define DERIVATIONS"),
    "not a mapping": ("DERIVATIONS = [1, 2]\n", "DERIVATIONS must be a mapping of names"),
    "empty mapping": ("DERIVATIONS = {}\n", "DERIVATIONS is empty"),
    "not a function": ("DERIVATIONS = {'a': 3}\n", "DERIVATIONS['a'] is not a function"),
    "arguments": (
        "from mathreg.proof import Derivation\ndef f(n) -> Derivation:\n    pass\n",
        "f() is annotated to return a Derivation but takes arguments",
    ),
    "builder raises": (
        HEADER + "def f() -> Derivation:\n    return Derivation('f', 'f', (), ())\n",
        "mine.py:f: building it raised ValueError: derivation 'f' has no steps",
    ),
    "not a derivation": (
        "from mathreg.proof import Derivation\ndef f() -> Derivation:\n    return 42\n",
        "mine.py:f: returned int, not a mathreg.proof.Derivation",
    ),
    "premise later": (
        HEADER
        + "def f() -> Derivation:\n    return Derivation('f', 'f', (), "
        + "(Step(sp.Eq(y, x), Equal(), 'e'),))\n",
        "must start from a Premise step",
    ),
    "an entry of its own": (
        HEADER
        + "from mathreg.ledger import Assumption\n"
        + "class Mine(Assumption):\n    pass\n"
        + "def f() -> Derivation:\n    return Derivation('f', 'f', (), "
        + "(Step(sp.Eq(y, x), Premise(), 'p'),), given=(Mine(x > 0),))\n",
        "given must hold the ledger's own entry types, got Mine",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
@pytest.mark.parametrize("command", ["check", "derive"])
def test_a_bad_file_is_a_one_line_usage_error(capsys, tmp_path, case, command):
    text, message = BAD_FILES[case]
    path = write(tmp_path, text)
    status, out, err = run(capsys, command, path)
    assert status == 2, out + err
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("mathreg: error: "), err
    assert message in err, err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("no/such/file.py", "no such file: 'no/such/file.py'"),
        ("README.md", "'README.md' is not a Python file (.py)"),
        ("examples", "'examples' is a folder, not a .py file"),
        ("examples/softplus.py:nope", "unknown derivation 'nope' in examples/softplus.py; choose"),
    ],
)
@pytest.mark.parametrize("command", ["check", "derive"])
def test_naming_errors_are_one_line_usage_errors(capsys, command, argument, message):
    status, out, err = run(capsys, command, argument)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and message in err, err


def test_derive_asks_for_a_name_when_a_file_has_several(capsys):
    status, _, err = run(capsys, "derive", "examples/dropout_mean.py")
    assert status == 2
    assert "defines several derivations; name one as examples/dropout_mean.py:NAME" in err
    assert "(mean, second-moment)" in err


def test_a_syntax_error_exits_2_without_a_traceback_in_a_process(tmp_path):
    path = write(tmp_path, "def broken(:\n")
    done = subprocess.run(
        [sys.executable, "-m", "mathreg", "check", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1


def test_a_rule_of_the_readers_own_is_a_failed_step(capsys, tmp_path):
    path = write(
        tmp_path,
        HEADER
        + """
class Anything(Equal):
    def _check(self, previous, current, context):
        return ()
def lenient() -> Derivation:
    return Derivation("l", "l", (), (
        Step(sp.Eq(y, x), Premise(), "p"), Step(sp.Eq(y, 2 * x), Anything(), "trust me")))
""",
    )
    status, out, _ = run(capsys, "check", path)
    assert status == 1
    assert "[2] equal  ✗ Anything is not one of the engine's rules" in out


TAMPERING = {
    "a check replaced": (
        "import mathreg.rules.algebraic as engine\n"
        "engine.Equal._check = lambda self, previous, current, context: ()\n",
        "mathreg.rules.algebraic.Equal._check",
    ),
    "a lemma check registered": (
        "from mathreg.lemmas import lemma_check\n"
        "@lemma_check\ndef mine(statement):\n    return None\n",
        "mathreg.lemmas.LEMMA_CHECKS (its contents)",
    ),
    "a rewrite replaced": (
        "from mathreg.algebra import REWRITES\nREWRITES['cancel'] = lambda e: 0\n",
        "mathreg.algebra.REWRITES['cancel']",
    ),
    "a book derivation replaced": (
        "import mathreg.symbolic as book\nbook.DERIVATIONS['map'] = lambda: None\n",
        "mathreg.symbolic.DERIVATIONS['map']",
    ),
}


@pytest.mark.parametrize("case", TAMPERING, ids=list(TAMPERING))
def test_a_file_that_changes_the_engine_is_refused(capsys, tmp_path, case, monkeypatch):
    import mathreg.algebra
    import mathreg.lemmas
    import mathreg.rules.algebraic
    import mathreg.symbolic

    # undo the file's changes after the test, whatever they were
    monkeypatch.setattr(
        mathreg.rules.algebraic.Equal, "_check", mathreg.rules.algebraic.Equal._check
    )
    monkeypatch.setattr(mathreg.lemmas, "LEMMA_CHECKS", set(mathreg.lemmas.LEMMA_CHECKS))
    monkeypatch.setattr(mathreg.algebra, "REWRITES", dict(mathreg.algebra.REWRITES))
    monkeypatch.setattr(mathreg.symbolic, "DERIVATIONS", dict(mathreg.symbolic.DERIVATIONS))
    tamper, changed = TAMPERING[case]
    path = write(tmp_path, tamper + "\n" + SQUARE.format(rhs="x**2 + x + 1"))
    status, out, err = run(capsys, "check", path)
    assert status == 2, out + err
    assert "changed the engine it is checked by" in err and changed in err, err
    assert out == ""


def test_the_seal_sees_no_change_when_the_whole_book_is_checked():
    from mathreg.symbolic import DERIVATIONS

    seal = EngineSeal()
    for build in DERIVATIONS.values():
        derivation = build()
        derivation.verdicts()
        derivation.to_markdown()
        str(derivation)
    assert seal.changes() == []


def test_a_file_that_fills_the_engines_cache_is_not_believed(capsys, tmp_path):
    """A file that puts a false result of a book derivation in the cache of confirmed laws
    (a private dictionary, which checks may fill) gets the cited derivation checked anew."""
    text = HEADER + textwrap.dedent(
        """
        from mathreg.ledger import Law
        from mathreg.rules import SubstituteInto
        from mathreg.rules import algebraic
        from mathreg.symbolic import DERIVATIONS
        lam, w = sp.symbols("lam w")
        false = sp.Eq(y, 7 * x)
        algebraic._CONFIRMED["l2"] = false
        LAW = Law(false, "the L2 result", derivation="l2")

        def cached() -> Derivation:
            return Derivation("cached", "A cached law", (), (
                Step(sp.Eq(y, x), Premise(), "given"),
                Step(sp.Eq(y, 7 * x), SubstituteInto(LAW), "the cited law"),
            ), given=(LAW,))
        """
    )
    path = write(tmp_path, text)
    status, out, err = run(capsys, "check", path)
    assert status == 1, out + err
    assert "is not the result of derivation 'l2'" in out, out


def test_verdicts_a_file_cached_on_its_derivation_are_dropped(capsys, tmp_path):
    text = HEADER + textwrap.dedent(
        """
        from mathreg.proof import StepVerdict

        def forged() -> Derivation:
            d = Derivation("forged", "Forged verdicts", (), (
                Step(sp.Eq(y, (x + 1) ** 2), Premise(), "given"),
                Step(sp.Eq(y, x**2 + 1), Equal(), "expand"),
            ))
            ok = tuple(StepVerdict(n, True, "", ()) for n in (1, 2))
            object.__setattr__(d, "_cached_verdicts", (d._fingerprint(), ok))
            return d
        """
    )
    path = write(tmp_path, text)
    status, out, err = run(capsys, "check", path)
    assert status == 1, out + err
    assert "[2] equal  ✗" in out, out


def test_the_ledger_lists_the_symbol_fact_that_makes_a_statement_defined(capsys):
    """log(1 + eˣ) is defined because x is real: the ledger says so."""
    status, out, err = run(capsys, "derive", ROOT / "examples" / "softplus.py")
    assert status == 0, out + err
    assert "assumption: x is real (declared with the symbol)" in out, out
