"""The page "Write a checked derivation" and the exercises at the end of the topic pages.

The rule examples come from :mod:`mathreg.site.rule_examples`: one per rule of the engine,
each checking, each rejecting a corruption of its last step. Every topic page ends with one
block that renders its exercises from the records. The built pages show both.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sympy as sp
from corruption import corruptions

from mathreg.algebra import statement_difference
from mathreg.context import names
from mathreg.exercises import exercises_for
from mathreg.rules import RULE_TYPES
from mathreg.site.nav import nav, pages
from mathreg.site.pagekit import exercises_markdown, rule_examples_markdown
from mathreg.site.rule_examples import EXAMPLES
from mathreg.topics import TOPICS

ROOT = Path(__file__).resolve().parents[1]
PAGE = "write-a-derivation.md"


def test_every_rule_of_the_engine_has_an_example():
    assert list(EXAMPLES) == list(RULE_TYPES)


@pytest.mark.parametrize("rule", RULE_TYPES, ids=[r.name for r in RULE_TYPES])
def test_each_example_checks_and_uses_its_rule_last(rule):
    derivation = EXAMPLES[rule]()
    derivation.check()
    assert type(derivation.steps[-1].rule) is rule


@pytest.mark.parametrize("rule", RULE_TYPES[1:], ids=[r.name for r in RULE_TYPES[1:]])
def test_each_examples_last_step_rejects_its_corruptions(rule):
    derivation = EXAMPLES[rule]()
    last = len(derivation.steps)
    statement = derivation.steps[-1].expr
    pool = {
        n
        for step in derivation.steps
        for n in names(step.expr)
        if isinstance(n, (sp.Symbol, sp.MatrixSymbol, sp.IndexedBase))
    }
    tried, accepted = 0, []
    for kind, corrupted in corruptions(statement, pool):
        if corrupted == statement or statement_difference(statement, corrupted) is None:
            continue  # the same statement written another way
        tried += 1
        if derivation.with_step(last, corrupted).verdicts({last})[0].ok:
            accepted.append(f"{kind}: {sp.sstr(corrupted)}")
    assert tried >= 3
    assert not accepted, accepted


def test_the_rule_list_names_every_rule_in_order():
    text = rule_examples_markdown()
    titles = re.findall(r'^\?\?\? example "([^:]+):', text, re.M)
    assert titles == [rule.name for rule in RULE_TYPES]
    assert text.count("○ assumed when this page was built") == 1
    assert text.count("✓ checked when this page was built") == len(RULE_TYPES) - 1


def test_the_page_is_in_the_reference_section():
    assert PAGE in pages(nav())
    reference = next(item["Reference"] for item in nav() if "Reference" in item)
    assert {"Write a checked derivation": PAGE} in reference


@pytest.mark.parametrize("topic", TOPICS, ids=[t.key for t in TOPICS])
def test_each_topic_page_ends_with_its_exercises(topic):
    text = (ROOT / "docs" / topic.page).read_text(encoding="utf-8")
    block = (  # idprefix="": the headings keep their ids, so an exercise can be linked to
        '```python exec="on" idprefix=""\n'
        "from mathreg.site.pagekit import exercises_markdown\n\n"
        f'print(exercises_markdown("{topic.key}"))\n'
        "```\n"
    )
    assert text.endswith(block)
    assert text.count("exercises_markdown") == 2  # the import and the call, once


@pytest.mark.parametrize("topic", TOPICS, ids=[t.key for t in TOPICS])
def test_the_exercises_render_from_the_records(topic):
    text = exercises_markdown(topic.key)
    exercises = exercises_for(topic.key)
    assert text.startswith("## Exercises\n")
    for number, exercise in enumerate(exercises, start=1):
        assert f"### {number}. {exercise.title} {{#exercise-{exercise.name}}}" in text
        assert f'$ python -m mathreg exercise check {exercise.name} "{exercise.typed}"' in text
    assert text.count('??? tip "Hint"') == len(exercises)
    assert text.count('??? success "Solution"') == len(exercises)
    assert text.count("✓ right") == len(exercises)


def test_a_topic_without_exercises_is_an_error():
    with pytest.raises(ValueError, match="has no exercises"):
        exercises_markdown("no-such-topic")


def _html(built_site: Path, page: str) -> str:
    return (built_site / page.removesuffix(".md") / "index.html").read_text(encoding="utf-8")


def test_the_built_page_shows_the_walkthrough_rules_and_exercise_help(built_site: Path):
    html = _html(built_site, PAGE)
    text = re.sub(r"<[^>]+>", "", html)
    assert "step 2 (differentiate) fails:" in text
    assert "examples/ridge_gradient.py:ridge_gradient: The gradient of the ridge objective" in text
    assert "unknown derivation &#39;sigmoid&#39; in examples/softplus.py" in text or (
        "unknown derivation 'sigmoid' in examples/softplus.py" in text
    )
    for rule in RULE_TYPES:
        assert f"{rule.name}: " in text, rule.name
    assert 'id="check-your-answers-to-the-exercises"' in html
    assert "off by a factor 2: your answer is 2 times the right one" in text
    assert "mr-verdict mr-fail" not in html


@pytest.mark.parametrize("topic", TOPICS, ids=[t.key for t in TOPICS])
def test_the_built_topic_pages_show_their_exercises(built_site: Path, topic):
    html = _html(built_site, topic.page)
    assert 'id="exercises"' in html
    for exercise in exercises_for(topic.key):
        assert f'id="exercise-{exercise.name}"' in html
    assert html.count("✓ right") == len(exercises_for(topic.key))
    assert "the page <em>Write a checked derivation</em>, under Reference" in html
