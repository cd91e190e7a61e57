"""The topic registry (mathreg/topics.py) is consistent with the code, the pages and the tests,
and everything that lists topics reads it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import mathreg.numeric
from mathreg.experiments import EXPERIMENTS
from mathreg.symbolic import DERIVATIONS, lambdified
from mathreg.topics import TOPIC, TOPICS, DerivationEntry, Topic, equations_label, load

ROOT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent

DERIVATION_ENTRIES = [(t, d) for t in TOPICS for d in t.derivations]
AGREEMENTS = [(t, a) for t in TOPICS for a in t.agreements]


def test_keys_pages_and_names_are_unique():
    assert len(TOPIC) == len(TOPICS)
    assert len({t.page for t in TOPICS}) == len(TOPICS)
    names = [d.name for _, d in DERIVATION_ENTRIES]
    assert len(names) == len(set(names))
    experiments = [e.name for t in TOPICS for e in t.experiments]
    assert len(experiments) == len(set(experiments))


FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n\n", re.S)


def front_matter(text: str) -> tuple[dict, str]:
    """A page's YAML front matter (``{}`` if it has none) and the rest of the page."""
    import yaml

    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    return yaml.safe_load(match.group(1)), text[match.end() :]


@pytest.mark.parametrize("topic", TOPICS, ids=[t.key for t in TOPICS])
def test_each_topic_has_its_page(topic: Topic):
    page = ROOT / "docs" / topic.page
    assert page.is_file(), topic.page
    _, body = front_matter(page.read_text(encoding="utf-8"))
    title = body.splitlines()[0]
    assert title.startswith("# "), f"{topic.page} starts with its title (after front matter)"


@pytest.mark.parametrize("topic", TOPICS, ids=[t.key for t in TOPICS])
def test_the_notes_pages_come_first_in_the_search(topic: Topic):
    """The pages of the note's own topics (equations (1)–(15)) introduce its symbols; the
    search ranks them above the pages beyond the note that use the same symbols, by a boost
    in their front matter. A page that derives nothing (choosing λ measures, it defines no
    symbol) ranks below the pages that do, though its title names λ. Nothing else is set."""
    meta, _ = front_matter((ROOT / "docs" / topic.page).read_text(encoding="utf-8"))
    if any(isinstance(n, int) for n in topic.equations):
        expected = {"search": {"boost": 2}}
    elif not topic.derivations:
        expected = {"search": {"boost": 0.5}}
    else:
        expected = {}
    assert meta == expected, topic.page


@pytest.mark.parametrize(
    ("topic", "entry"), DERIVATION_ENTRIES, ids=[d.name for _, d in DERIVATION_ENTRIES]
)
def test_each_registered_derivation_is_built_by_its_builder(topic: Topic, entry: DerivationEntry):
    derivation = entry.load()()
    assert derivation.name == entry.name
    assert DERIVATIONS[entry.name] is entry.load()
    # the topic declares the note's equations its derivations cover, no more, no fewer
    assert set(derivation.equations) <= set(topic.equations)


@pytest.mark.parametrize("topic", [t for t in TOPICS if t.derivations], ids=lambda t: t.key)
def test_a_topics_equations_are_its_derivations(topic: Topic):
    covered = {n for d in topic.derivations for n in d.load()().equations}
    assert covered == set(topic.equations)


def test_the_note_equations_are_each_in_exactly_one_topic():
    numbers = [n for t in TOPICS for n in t.equations if isinstance(n, int)]
    assert sorted(numbers) == list(range(1, 16))


def test_own_numbers_are_shown_apart_from_the_notes():
    assert equations_label((1, 2, 3)) == "(1)–(3)"
    assert equations_label(("R1",)) == "[R1]"
    assert equations_label((14, 15, "R1", "R2")) == "(14)–(15), [R1], [R2]"
    with pytest.raises(ValueError, match="look like 'R1'"):
        Topic("x", "X", "x.md", "S", "s", equations=("(16)",))
    with pytest.raises(ValueError, match=r"\(1\)-\(15\)"):
        Topic("x", "X", "x.md", "S", "s", equations=(16,))


@pytest.mark.parametrize(
    ("topic", "agreement"), AGREEMENTS, ids=[f"{a.numeric}-{a.proved}" for _, a in AGREEMENTS]
)
def test_each_agreement_pair_exists_and_is_tested(topic, agreement):
    assert agreement.numeric in mathreg.numeric.__all__
    assert callable(getattr(mathreg.numeric, agreement.numeric))
    assert agreement.proved in lambdified.__all__
    source = (TESTS / "test_agreement.py").read_text(encoding="utf-8")
    assert f"numeric.{agreement.numeric}(" in source, f"no agreement test calls {agreement}"
    assert f"proved.{agreement.proved}" in source, f"no agreement test uses {agreement}"


def test_experiments_come_from_the_registry():
    assert list(EXPERIMENTS) == [e.name for t in TOPICS for e in t.experiments]
    for topic in TOPICS:
        for experiment in topic.experiments:
            assert EXPERIMENTS[experiment.name] is load(experiment.run)
            page = (ROOT / "docs" / topic.page).read_text(encoding="utf-8")
            assert experiment.figure in page, f"{topic.page} does not show {experiment.figure}"


def test_load_refuses_a_path_without_an_attribute():
    with pytest.raises(ValueError, match="module:attribute"):
        load("mathreg.topics")


def test_no_list_of_derivation_names_is_typed_elsewhere():
    """The registry is the only list: no test, page or module repeats three or more derivation
    names in a row (one or two, to pick derivations for an example, is fine)."""
    name = "[\"'](?:{})[\"']".format("|".join(d.name for _, d in DERIVATION_ENTRIES))
    listed = re.compile(rf"{name}\s*,\s*{name}\s*,\s*{name}")
    offenders = []
    for path in [*ROOT.glob("mathreg/**/*.py"), *ROOT.glob("tests/*.py"), *ROOT.glob("docs/*.md")]:
        if path.name in {"topics.py", Path(__file__).name}:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if listed.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_cli_list_follows_the_registry(capsys):
    from mathreg import cli

    assert cli.main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [d.name for _, d in DERIVATION_ENTRIES]
