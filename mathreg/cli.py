"""``python -m mathreg``: list, print and check the derivations; run the experiments.

Usage
-----
``mathreg list``
    One line per derivation: name, the note's equations, title, and whether it checks.
``mathreg derive NAME [--format text|latex|markdown]``
    Print one derivation. ``NAME`` may be ``FILE.py:NAME``, a derivation of a reader's own
    file (``FILE.py`` alone when the file defines only one); see :mod:`mathreg.reader`.
``mathreg check [NAME ...]``
    Check every step of the named derivations (default: all); one line per step. A ``NAME``
    may be a reader's file, ``FILE.py`` (all its derivations) or ``FILE.py:NAME``.
``mathreg exercise list | show NAME [--solution] | check NAME ANSWER``
    The topic pages' exercises: list them, show one (statement, the names an answer may use,
    hint; the worked solution with ``--solution``), or check an answer typed as a formula,
    ``mathreg exercise check l1-gradient "lam/m*sign(W)"``: ✓ (exit 0) or ✗ with the reason
    (exit 1). The answer is read as a formula, never run as code; an answer that cannot be
    read is a usage error.
``mathreg experiment NAME [--out FILE] [--seed N]``
    Run one experiment with a progress bar, print its table and save its figure.
``mathreg figures DIR [--fresh]``
    Draw every experiment's figure (seed 0) and its table into ``DIR``, as the site build
    does; reuses the last drawing while the sources are unchanged, unless ``--fresh``.

Exit status: 0 on success, 1 when a check fails, 2 on a usage error (one line on stderr,
never a traceback).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from mathreg.ledger import Entry
from mathreg.render import ASSUMED, CHECKED, FAILED
from mathreg.topics import equations_label

FORMATS = ("text", "latex", "markdown")


class UsageError(Exception):
    """A mistake in the command line: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print usage and exit itself
        raise UsageError(message)


def _derivations():
    from mathreg.symbolic import DERIVATIONS

    return DERIVATIONS


def _experiments():
    from mathreg.experiments import EXPERIMENTS

    return EXPERIMENTS


def _choose(kind: str, name: str, choices: Sequence[str]) -> str:
    if name not in choices:
        raise UsageError(f"unknown {kind} {name!r}; choose from: {', '.join(choices)}")
    return name


def _list(args: argparse.Namespace) -> int:
    """One line per derivation, in the topic registry's order (:mod:`mathreg.topics`)."""
    from mathreg.topics import TOPICS

    registry = _derivations()
    rows = []
    for topic in TOPICS:
        for entry in topic.derivations:
            derivation = registry[entry.name]()
            ok = all(v.ok for v in derivation.verdicts())
            rows.append(
                (
                    entry.name,
                    equations_label(derivation.equations),
                    derivation.title,
                    f"{CHECKED} checks" if ok else f"{FAILED} fails",
                )
            )
    widths = [max(len(row[k]) for row in rows) for k in range(3)]
    for row in rows:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
            + "  "
            + row[3]
        )
    return 0


def _file_derivations(argument: str, seal) -> list[tuple[str, object]]:
    """``(label, derivation)`` for a reader's file target ``FILE.py`` or ``FILE.py:NAME``,
    built (the file's own code runs here) and checked against the engine's seal."""
    from mathreg.reader import ReaderError, build, derivations_in, load, split_target

    path, name = split_target(argument)
    try:
        builders = derivations_in(load(path))
        if name is not None and name not in builders:
            raise ReaderError(
                f"unknown derivation {name!r} in {path}; choose from: {', '.join(builders)}"
            )
        chosen = [name] if name is not None else list(builders)
        built = [(f"{path}:{key}", build(f"{path}:{key}", builders[key])) for key in chosen]
    except ReaderError as error:
        raise UsageError(str(error)) from None
    _sealed(seal, path)
    seal.forget_caches()  # the checks fill them again, from the engine's own work
    return built


def _sealed(seal, path: str) -> None:
    """Refuse to go on if a reader's file changed the engine (see mathreg.reader.EngineSeal)."""
    changes = seal.changes()
    if changes:
        shown = ", ".join(changes[:3]) + (", ..." if len(changes) > 3 else "")
        raise UsageError(
            f"{path} changed the engine it is checked by ({shown}); its checks would prove nothing"
        )


def _targets(names: Sequence[str]) -> tuple[list[tuple[str, object]], object]:
    """The derivations the command line names, built, in order, and the engine's seal (or
    ``None`` when no reader's file is named)."""
    from mathreg.reader import EngineSeal, is_file_target

    registry = _derivations()
    files = [name for name in names if is_file_target(name)]
    seal = EngineSeal() if files else None
    built = []
    for name in names or list(registry):
        if name in files:
            built += _file_derivations(name, seal)
        else:
            built.append((name, registry[_choose("derivation", name, list(registry))]()))
    return built, seal


def _derive(args: argparse.Namespace) -> int:
    from mathreg.reader import split_target

    built, seal = _targets([args.name])
    if len(built) > 1:
        path = split_target(args.name)[0]
        names = ", ".join(label.rpartition(":")[2] for label, _ in built)
        raise UsageError(f"{path} defines several derivations; name one as {path}:NAME ({names})")
    derivation = built[0][1]
    if seal is not None:
        derivation.verdicts()  # a reader's lemma checks run here: look at the engine again
        _sealed(seal, split_target(args.name)[0])
    if args.format == "latex":
        print(derivation.to_latex(), end="")
    elif args.format == "markdown":
        print(derivation.to_markdown(), end="")
    else:
        print(derivation)
    return 0


def _report(label: str, derivation) -> tuple[str, int, int]:
    """One derivation's verdicts as the lines ``check`` prints, its step and failure counts."""
    lines = [f"{label}: {derivation.title}"]
    failures = 0
    for step, verdict in zip(derivation.steps, derivation.verdicts(), strict=True):
        eq = f" {equations_label((step.eq,))}" if step.eq is not None else ""
        if not verdict.ok:
            mark = f"{FAILED} {verdict.reason}"
        else:
            mark = f"{ASSUMED} assumed" if verdict.number == 1 else CHECKED
        lines.append(f"  [{verdict.number}] {step.rule.name}{eq}  {mark}")
        failures += not verdict.ok
    lines.append(f"  rests on: {_rests_on(derivation)}")
    return "\n".join(lines), len(derivation.steps), failures


def _book_report(name: str) -> tuple[str, int, int]:
    """Build and check one of the book's derivations (in a worker process)."""
    return _report(name, _derivations()[name]())


def _book_reports(names: Sequence[str]) -> list[tuple[str, int, int]]:
    """The book's derivations checked two at a time on a machine with two cores or more:
    each worker builds and checks its own, the reports come back in order. A reader's file
    is never checked here: it runs in this process, under the engine's seal."""
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    workers = min(len(names), os.cpu_count() or 1, 2)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [_book_report(name) for name in names]
    context = multiprocessing.get_context("fork")  # the workers inherit the imported engine
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        return list(pool.map(_book_report, names))


def _check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    registry = _derivations()
    if args.names and any(name not in registry for name in args.names):
        built, seal = _targets(args.names)
        reports = [_report(label, derivation) for label, derivation in built]
    else:
        seal = None
        reports = _book_reports(list(args.names) or list(registry))
    for text, _, _ in reports:
        print(text)
    if seal is not None:
        _sealed(seal, ", ".join(name for name in args.names if name not in registry))
    steps = sum(count for _, count, _ in reports)
    failures = sum(failed for _, _, failed in reports)
    elapsed = time.perf_counter() - started
    print(
        f"{steps - failures} passed, {failures} failed: {len(reports)} derivations, {elapsed:.1f} s"
    )
    return 1 if failures else 0


def _rests_on(derivation) -> str:
    """The ledger in one line: how many entries of each kind."""
    ledger = derivation.ledger()
    parts = []
    for kind in Entry.KINDS:
        lines = ledger.of_kind(kind)
        if not lines:
            continue
        count = len(lines)
        label = {
            "premise": "the premise",
            "oracle": f"{count} external computation{'s' if count > 1 else ''} (cross-checked)",
        }.get(kind, f"{count} {kind}{'s' if count > 1 else ''}")
        concrete = sum(1 for line in lines if kind == "lemma" and not line.entry.general)
        if concrete:
            label += f" ({concrete} checked for concrete cases only)"
        parts.append(label)
    return ", ".join(parts)


def _exercise_named(name: str):
    import difflib

    from mathreg.exercises import EXERCISES

    if name not in EXERCISES:
        close = difflib.get_close_matches(name, list(EXERCISES), n=3)
        hint = f"did you mean: {', '.join(close)}?" if close else "see: mathreg exercise list"
        raise UsageError(f"unknown exercise {name!r}; {hint}")
    return EXERCISES[name]


def _exercise_list(args: argparse.Namespace) -> int:
    from mathreg.exercises import EXERCISES

    rows = [(e.name, e.topic, e.title) for e in EXERCISES.values()]
    widths = [max(len(row[k]) for row in rows) for k in range(2)]
    for name, topic, title in rows:
        print(f"{name.ljust(widths[0])}  {topic.ljust(widths[1])}  {title}")
    return 0


def _exercise_show(args: argparse.Namespace) -> int:
    import textwrap

    from mathreg.exercises import plain
    from mathreg.exercises.answer import FUNCTIONS
    from mathreg.topics import TOPIC

    exercise = _exercise_named(args.name)

    def para(label: str, text: str) -> None:
        print(textwrap.fill(f"{label}{plain(text)}", 92, subsequent_indent="  " if label else ""))

    print(f"{exercise.name}: {exercise.title} (topic: {TOPIC[exercise.topic].title})")
    print()
    para("", exercise.statement)
    print()
    if exercise.names:
        print("Names you may use:")
        for name in exercise.names:
            also = f" (also: {', '.join(name.aliases)})" if name.aliases else ""
            para(f"  {name.symbol.name}{also}: ", name.meaning)
    functions = sorted(FUNCTIONS)
    print(f"Functions: {', '.join(functions)}; the constant pi")
    for function in exercise.functions:
        para(f"  {function.name}(u) = ", function.meaning)
    para("Hint: ", exercise.hint)
    if args.solution:
        para("Solution: ", exercise.solution)
        print(f"Answer: {exercise.typed}")
    print(f'Check an answer: python -m mathreg exercise check {exercise.name} "ANSWER"')
    return 0


def _exercise_check(args: argparse.Namespace) -> int:
    import sympy as sp

    from mathreg.exercises import AnswerError, judge

    exercise = _exercise_named(args.name)
    text = " ".join(args.answer).strip()
    if not text:
        raise UsageError(f'give an answer: mathreg exercise check {exercise.name} "ANSWER"')
    try:
        verdict = judge(exercise, text)
    except AnswerError as error:
        raise UsageError(f"answer: {error}") from None
    print(f"read as: {sp.sstr(verdict.answer)}")
    if verdict.right:
        print(f"{CHECKED} right")
        return 0
    print(f"{FAILED} {verdict.reason}")
    return 1


def _experiment(args: argparse.Namespace) -> int:
    registry = _experiments()
    run = registry[_choose("experiment", args.name, list(registry))]
    if args.seed < 0:
        raise UsageError(f"--seed must be a non-negative integer, got {args.seed}")
    out = Path(args.out) if args.out else Path(f"{args.name}.svg")
    if out.suffix.lower() not in (".svg", ".png", ".pdf"):
        raise UsageError(f"--out must end in .svg, .png or .pdf, got {str(out)!r}")
    if not out.parent.exists():
        raise UsageError(f"--out: folder {str(out.parent)!r} does not exist")
    from tqdm import tqdm

    from mathreg.experiments._plotting import save_figure

    result = run(seed=args.seed, progress=lambda it: tqdm(it, desc=args.name, leave=False))
    print(result.title)
    print(result.table())
    save_figure(result.figure(), out)
    print(f"figure written to {out}")
    return 0


def _figures(args: argparse.Namespace) -> int:
    """Draw every registered experiment's figure into a folder (cached, see mathreg.site)."""
    from mathreg.site.figures import write_figures

    for line in write_figures(Path(args.dir), fresh=args.fresh):
        print(line)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="mathreg", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    commands.add_parser("list", help="list the derivations").set_defaults(run=_list)
    derive = commands.add_parser("derive", help="print one derivation")
    derive.add_argument("name")
    derive.add_argument("--format", default="text", help=f"one of: {', '.join(FORMATS)}")
    derive.set_defaults(run=_derive)
    check = commands.add_parser("check", help="check derivations (default: all)")
    check.add_argument("names", nargs="*")
    check.set_defaults(run=_check)
    exercise = commands.add_parser("exercise", help="list, show and check the exercises")
    actions = exercise.add_subparsers(dest="action", required=True, parser_class=_Parser)
    actions.add_parser("list", help="list the exercises").set_defaults(run=_exercise_list)
    show = actions.add_parser("show", help="show one exercise")
    show.add_argument("name")
    show.add_argument("--solution", action="store_true", help="show the worked solution too")
    show.set_defaults(run=_exercise_show)
    check_answer = actions.add_parser("check", help="check an answer to one exercise")
    check_answer.add_argument("name")
    # the rest of the line, so that an answer may start with a minus sign
    check_answer.add_argument("answer", nargs=argparse.REMAINDER)
    check_answer.set_defaults(run=_exercise_check)
    experiment = commands.add_parser("experiment", help="run an experiment, save its figure")
    experiment.add_argument("name")
    experiment.add_argument("--out", help="figure file (.svg, .png or .pdf)")
    experiment.add_argument("--seed", type=int, default=0)
    experiment.set_defaults(run=_experiment)
    figures = commands.add_parser("figures", help="draw the site's figures into a folder")
    figures.add_argument("dir")
    figures.add_argument("--fresh", action="store_true", help="ignore the cache")
    figures.set_defaults(run=_figures)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    try:
        args = _parser().parse_args(argv)
        if getattr(args, "format", "text") not in FORMATS:
            raise UsageError(f"unknown format {args.format!r}; choose from: {', '.join(FORMATS)}")
        return args.run(args)
    except UsageError as error:
        print(f"mathreg: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
