"""Programme families: sub-lines inherit what they leave out; the matcher ranks the sub-lines."""

from pathlib import Path

from funding_matcher.domain.catalogue.family import family_of, rankable
from funding_matcher.domain.catalogue.files import load_catalogue, parse_programme
from funding_matcher.domain.catalogue.records import Programme
from tests.conftest import programme_data

SOURCE = {
    "url": "https://example.org/richtlinie.pdf",
    "date": "2026-03-01",
    "quote": "Die Zuwendung beträgt höchstens 50.000 Euro.",
}


def child_file(catalogue_dir: Path, slug: str, parent: str, **own) -> Path:
    """A sub-line that states only its own facts."""
    lines = [
        f"slug: {slug}",
        f"title: Förderlinie {slug}",
        f"short_title: Linie {slug}",
        "summary: Eine Förderlinie mit eigenen Bedingungen für kleine Vorhaben.",
        f"parent: {parent}",
        "status: open",
        "status_evidence: {url: https://example.org/linie, date: 2026-09-01, "
        "quote: Anträge laufend möglich.}",
        "checked_on: 2026-11-01",
    ] + [f"{key}: {value}" for key, value in own.items()]
    path = catalogue_dir / f"{slug}.yaml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_a_sub_line_inherits_what_it_leaves_out_and_keeps_its_own(write_programme, catalogue_dir):
    write_programme(slug="dach", sources={"amount_max_eur": SOURCE}, notes="Hinweis zum Dach")
    child_file(catalogue_dir, "linie-a", "dach", funding_rate_max_percent=95, amount_max_eur=5000)
    result = load_catalogue(catalogue_dir)
    assert result.ok, result.problems
    child = next(p for p in result.programmes if p.slug == "linie-a")
    assert child.funding_rate_max_percent == 95  # own
    assert child.amount_max_eur == 5000  # own
    assert child.funder == "Land Musterland"  # inherited
    assert child.deadline.kind == "annual"  # inherited
    assert child.notes is None  # the parent's notes are about the parent
    assert child.sources == {}  # the parent's source is for a fact the child states itself


def test_an_inherited_fact_keeps_the_parents_source(write_programme, catalogue_dir):
    write_programme(slug="dach", sources={"amount_max_eur": SOURCE})
    child_file(catalogue_dir, "linie-a", "dach")
    child = next(p for p in load_catalogue(catalogue_dir).programmes if p.slug == "linie-a")
    assert child.sources["amount_max_eur"].url == SOURCE["url"]


def test_outline_is_inherited_whole_or_not_at_all(write_programme, catalogue_dir):
    write_programme(
        slug="dach",
        outline_sections=["Ausgangslage", "Ziele"],
        outline_limits=[2000, 1000],
    )
    child_file(
        catalogue_dir,
        "eigene-gliederung",
        "dach",
        outline_sections="[Vorhaben]",
        outline_topics="[[massnahmen]]",
    )
    child_file(catalogue_dir, "geerbte-gliederung", "dach")
    result = load_catalogue(catalogue_dir)
    assert result.ok, result.problems
    by_slug = {p.slug: p for p in result.programmes}
    assert by_slug["eigene-gliederung"].outline_limits is None
    assert by_slug["geerbte-gliederung"].outline_limits == [2000, 1000]


def test_a_sub_line_alone_reads_its_parent_from_the_same_folder(write_programme, catalogue_dir):
    write_programme(slug="dach")
    path = child_file(catalogue_dir, "linie-a", "dach")
    programme, problems = parse_programme(path.read_text("utf-8"), path)
    assert problems == []
    assert programme.funder == "Land Musterland"


def test_unknown_parent_and_cycles_are_reported_at_the_parent_line(catalogue_dir):
    child_file(catalogue_dir, "waise", "gibt-es-nicht")
    child_file(catalogue_dir, "kreis-a", "kreis-b")
    child_file(catalogue_dir, "kreis-b", "kreis-a")
    result = load_catalogue(catalogue_dir)
    assert result.programmes == []
    by_file = {p.path.name: p for p in result.problems}
    assert "unbekanntes oder fehlerhaftes Programm „gibt-es-nicht“" in by_file["waise.yaml"].message
    assert by_file["waise.yaml"].line == 5
    assert "Kreis über kreis-a → kreis-b → kreis-a" in by_file["kreis-a.yaml"].message


def test_a_sub_line_of_an_ended_programme_cannot_be_open(write_programme, catalogue_dir):
    write_programme(slug="dach", status="closed", deadline={"kind": "closed"})
    child_file(catalogue_dir, "linie-a", "dach", deadline="{kind: rolling}")
    problems = load_catalogue(catalogue_dir).problems
    assert "ist beendet (closed)" in problems[0].message


def test_an_error_in_an_inherited_field_names_the_parent(write_programme, catalogue_dir):
    write_programme(slug="dach", status="draft", themes=[])
    child_file(catalogue_dir, "linie-a", "dach")
    problems = {p.path.name: p for p in load_catalogue(catalogue_dir).problems}
    assert "themes" in problems["linie-a.yaml"].message


def programme(**overrides) -> Programme:
    return Programme.model_validate(programme_data(**overrides))


def test_the_matcher_ranks_sub_lines_not_the_parent_of_a_family():
    parent = programme(slug="dach")
    lone = programme(slug="allein")
    children = [programme(slug=s, parent="dach") for s in ("linie-b", "linie-a")]
    draft_child = programme(slug="entwurf", parent="allein", status="draft")
    ranked = [p.slug for p in rankable([parent, lone, *children, draft_child])]
    # "allein" has only a draft child: it is still ranked; a draft never is.
    assert ranked == ["allein", "linie-b", "linie-a"]


def test_family_of_gives_the_parent_and_every_sub_line_from_either_side():
    parent = programme(slug="dach")
    a = programme(slug="linie-a", title="A-Linie", parent="dach")
    b = programme(slug="linie-b", title="B-Linie", parent="dach")
    family = family_of(a, [parent, b, a])
    assert family.parent.slug == "dach"
    assert [c.slug for c in family.children] == ["linie-a", "linie-b"]
    assert [p.slug for p in family.others(a)] == ["dach", "linie-b"]
    assert family_of(parent, [a, b]).children == family.children
    assert family_of(programme(slug="allein"), [parent, a, b]) is None
