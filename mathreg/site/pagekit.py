"""Small helpers for the code blocks that pages execute at build time (markdown-exec).

A page imports them like any module of the package: ``from mathreg.site.pagekit import source``.
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap

_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")
DURATION = re.compile(r"(, )\d+(?:\.\d+)? s$", re.M)


def source(obj, *, docstring: bool = False) -> str:
    """A fenced Python block with the source of ``obj``.

    By default the docstring is shortened to its first line (the full docstring, with its
    examples, is on the API reference page), so the page shows the code itself.
    """
    code = textwrap.dedent(inspect.getsource(obj))
    if not docstring:
        tree = ast.parse(code)
        node = tree.body[0]
        first = node.body[0] if getattr(node, "body", None) else None
        if (
            isinstance(first, ast.Expr)
            and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)
        ):
            lines = code.splitlines()
            indent = lines[first.lineno - 1][: first.col_offset]
            summary = _ROLE.sub(r"\1", first.value.value.strip().splitlines()[0])
            short = f'{indent}"""{summary}"""'
            lines[first.lineno - 1 : first.end_lineno] = [short]
            code = "\n".join(lines) + "\n"
    return f"```python\n{code.rstrip()}\n```\n"


# The columns a derivation is laid out for, in ex of the page's math (8.45 px at the theme's
# 16 px text). A phone 390 px wide gives a step's formula 328 px (docs/stylesheets/extra.css
# narrows the step's indent below 45em); lines of 36 ex leave room for a 360 px phone's 298 px
# at a small overflow. From 45em (720 px) up, the column is at least 650 px: 74 ex, equation
# number included. An inline formula in the prose wider than 30 ex is cut where TeX would
# break a line, so that the text around it can wrap.
NARROW_EX, WIDE_EX, INLINE_EX = 36.0, 74.0, 30.0
_WIDTH = re.compile(r'<svg[^>]*?\swidth="(?P<width>[\d.]+)ex"')
_MIN_WIDTH = re.compile(r"min-width:\s*(?P<width>[\d.]+)ex")


def formula_width(tex: str, display: bool) -> float:
    """How wide MathJax typesets ``tex``, in ex (a tagged formula: with its tag)."""
    from mathreg.site.mathjax import mathjax

    html = mathjax().typeset(tex, display=display)
    match = _MIN_WIDTH.search(html) or _WIDTH.search(html)
    if match is None:
        raise ValueError(f"MathJax gave no width for {tex!r}")
    return float(match.group("width"))


def page_layout():
    """The :class:`~mathreg.render.Layout` of the site's pages."""
    from mathreg.render import Layout

    return Layout(width=formula_width, narrow=NARROW_EX, wide=WIDE_EX, inline=INLINE_EX)


def derivation_markdown(derivation, *, explain=None) -> str:
    """The derivation in a styled container, laid out for the site's columns (long
    statements broken over lines; see :func:`mathreg.render.derivation_markdown`)."""
    from mathreg.render import derivation_markdown as render

    body = render(derivation, page_layout(), explain=explain)
    return f'<div class="mr-derivation" markdown="1">\n\n{body}\n</div>\n'


def source_lines(obj, first: str, last: str) -> str:
    """A fenced block with the lines of ``obj``'s source from the one containing ``first``
    to the one containing ``last`` (dedented). Raises if either marker is missing, so a page
    never quotes code that no longer exists."""
    lines = textwrap.dedent(inspect.getsource(obj)).splitlines()
    start = next((i for i, line in enumerate(lines) if first in line), None)
    if start is None:
        raise LookupError(f"{first!r} not found in the source of {obj.__qualname__}")
    stop = next((i for i in range(start, len(lines)) if last in lines[i]), None)
    if stop is None:
        raise LookupError(f"{last!r} not found after {first!r} in {obj.__qualname__}")
    return f"```python\n{textwrap.dedent(chr(10).join(lines[start : stop + 1]))}\n```\n"


def terminal(*argv: str) -> str:
    """Run ``python -m mathreg ARGV…`` in-process; return the session as a ``console`` block.

    The exit status is shown after the output, as a shell would report it with ``echo $?``.
    A duration the command reports (``check`` ends with its time, ``… 0.3 s``) is shown as
    ``… s``: it changes from run to run, and two builds of one commit must be identical.

    Examples
    --------
    >>> print(terminal("check", "map"))  # doctest: +ELLIPSIS
    ```console
    $ python -m mathreg check map
    map: ...
    ... passed, 0 failed: 1 derivations, … s
    $ echo $?
    0
    ```
    <BLANKLINE>
    """
    import contextlib
    import io

    from mathreg.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        status = main(list(argv))
    command = " ".join(("python", "-m", "mathreg", *argv))
    body = DURATION.sub(r"\1… s", out.getvalue().rstrip())
    return f"```console\n$ {command}\n{body}\n$ echo $?\n{status}\n```\n"


def rules_table() -> str:
    """A Markdown table of the engine's rules, from the code: name, what its check proves (the
    first line of the rule's docstring) and the derivations that use it."""
    from mathreg import rules
    from mathreg.site.griffe_rst import rst_to_markdown
    from mathreg.symbolic import DERIVATIONS

    classes = [
        obj
        for obj in vars(rules).values()
        if inspect.isclass(obj) and issubclass(obj, rules.Rule) and obj is not rules.Rule
    ]
    classes.sort(key=lambda cls: inspect.getsourcelines(cls)[1])
    used: dict[str, list[str]] = {}
    for name, build in DERIVATIONS.items():
        for step in build().steps:
            names = used.setdefault(step.rule.name, [])
            if name not in names:
                names.append(name)
    rows = ["| rule | what its check establishes | used in |", "|---|---|---|"]
    for cls in classes:
        summary = rst_to_markdown((cls.__doc__ or "").strip().splitlines()[0])
        summary = summary.replace("``", "`")
        where = ", ".join(f"`{n}`" for n in used.get(cls.name, [])) or "—"
        rows.append(f"| **{cls.name}** | {summary} | {where} |")
    return "\n".join(rows) + "\n"


def overview_table() -> str:
    """The home page's table of topics, from the registry (:mod:`mathreg.topics`): page, the
    note's equations (ours shown as [R1]) and the result in one line.

    The links are the pages' addresses as built, relative to the home page (``l2-prior/``),
    not their files (``l2-prior.md``): the builder rewrites links in a page's own Markdown, but
    not in what an executed block prints (``python -m mathreg.site.check`` tests every link).
    """
    from mathreg.topics import TOPICS, equations_label

    rows = ["| page | note's equations | the result in one line |", "|---|---|---|"]
    for topic in TOPICS:
        label = equations_label(topic.equations)
        url = topic.page.removesuffix(".md") + "/"
        rows.append(f"| [{topic.title}]({url}) | {label} | {topic.summary} |")
    return "\n".join(rows) + "\n"


def file_block(path: str, language: str = "python") -> str:
    """A fenced block with a file of the repository (``examples/ridge_gradient.py``), so that a
    page quotes the file a reader can run, never a copy of it."""
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / path).read_text(encoding="utf-8")
    return f"```{language}\n{text.rstrip()}\n```\n"


def rule_examples_markdown() -> str:
    """Each rule of the engine (:data:`mathreg.rules.RULE_TYPES`, in order): its name, what its
    check proves (the docstring's first line), and a collapsed example that checks.

    Every example is checked here, so the build fails if one stops checking
    (:mod:`mathreg.site.rule_examples`).
    """
    from mathreg.rules import RULE_TYPES
    from mathreg.site import rule_examples
    from mathreg.site.griffe_rst import rst_to_markdown
    from mathreg.site.rule_examples import EXAMPLES

    shared = source_lines(rule_examples, 'x = sp.Symbol("x", real=True)', "return Derivation(rule")
    blocks = [
        f"The examples share these names and a helper that builds the derivation:\n\n{shared}"
    ]
    for rule in RULE_TYPES:
        build = EXAMPLES[rule]
        derivation = build()
        derivation.check()  # a failing example raises and the strict build stops
        paragraph = (rule.__doc__ or "").strip().split("\n\n")[0]
        summary = rst_to_markdown(" ".join(paragraph.split())).replace("``", "`")
        code = textwrap.indent(source(build).rstrip(), "    ")
        verdict = "○ assumed" if rule.name == "premise" else "✓ checked"
        blocks.append(
            f'??? example "{rule.name}: `{rule.__name__}`"\n\n'
            f"    {summary}\n\n{code}\n\n"
            f"    <small>{verdict} when this page was built.</small>\n"
        )
    return "\n".join(blocks)


def _quoted(session: str) -> str:
    """A :func:`terminal` session whose command's last argument is in double quotes, as a
    shell needs for a formula (``*``, ``(`` and spaces mean something to it)."""
    lines = session.split("\n")
    words = lines[1].split(" ")
    start = words.index("check") + 2  # $ python -m mathreg exercise check NAME ANSWER...
    lines[1] = " ".join(words[:start]) + ' "' + " ".join(words[start:]) + '"'
    return "\n".join(lines)


def exercise_session(name: str, answer: str) -> str:
    """``python -m mathreg exercise check NAME "ANSWER"`` run in-process, as a ``console``
    block (see :func:`terminal`), the answer in quotes as a shell needs it."""
    return _quoted(terminal("exercise", "check", name, answer))


def exercises_markdown(topic_key: str) -> str:
    """The exercises of one topic, for the end of its page: statement, the names an answer may
    use, a collapsed hint, and a collapsed worked solution with the check of the typed answer
    run while the page is built (:mod:`mathreg.exercises`).

    Raises
    ------
    ValueError
        If the topic has no exercises, or a record's typed answer is not accepted.
    """
    from mathreg.exercises import exercises_for

    exercises = exercises_for(topic_key)
    if not exercises:
        raise ValueError(f"the topic {topic_key!r} has no exercises")
    out = [
        "## Exercises",
        "",
        # no link to that page: MkDocs leaves the links an executed block prints as they are,
        # Zensical rewrites them, and no relative link reaches the page under both
        'Check an answer in a terminal with `python -m mathreg exercise check NAME "ANSWER"` '
        "(the page *Write a checked derivation*, under Reference, explains how). An answer is "
        "a formula in the names the exercise lists; it is read as a formula, never run as "
        "code, and compared with the right answer by the engine's canonical comparison, as the "
        "steps of a derivation are.",
        "",
    ]
    for number, exercise in enumerate(exercises, start=1):
        names = [f"- `{name.symbol.name}`: {name.meaning}" for name in exercise.names]
        session = exercise_session(exercise.name, exercise.typed)
        if not session.rstrip().endswith("\n0\n```"):
            raise ValueError(f"exercise {exercise.name!r}: its typed answer is not accepted")
        out += [
            f"### {number}. {exercise.title} {{#exercise-{exercise.name}}}",
            "",
            exercise.statement,
            "",
            *(
                ["*The answer may use these names:*", "", *names]
                if names
                else ["*The answer is a number.*"]
            ),
            "",
            '??? tip "Hint"',
            "",
            textwrap.indent(exercise.hint, "    "),
            "",
            '??? success "Solution"',
            "",
            textwrap.indent(exercise.solution, "    "),
            "",
            textwrap.indent(session, "    "),
        ]
    return "\n".join(out) + "\n"
