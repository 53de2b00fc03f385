"""``funding-matcher programs``: validate, list, show, export the catalogue files, import drafts."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from funding_matcher import paths
from funding_matcher.cli.common import dir_option, load_records, parse_today
from funding_matcher.domain import taxonomy
from funding_matcher.domain.catalogue.coverage import coverage_lines, term_coverage
from funding_matcher.domain.catalogue.deadlines import next_deadline
from funding_matcher.domain.catalogue.export import export_csv, export_json
from funding_matcher.domain.catalogue.family import family_of
from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.domain.catalogue.review import (
    EXPIRING_WITHIN_DAYS,
    STALE_AFTER_DAYS,
    financing_coverage,
    review_due,
)
from funding_matcher.domain.catalogue.status import (
    STATUS_LABELS,
    status_label,
    status_on,
    status_problems,
)
from funding_matcher.domain.german import UNKNOWN, format_date, format_percent


@click.group()
def programs() -> None:
    """Den Programmkatalog (programs/) prüfen, anzeigen und exportieren."""


@programs.command("validate")
@dir_option
@click.option("--today", default=None, help="Stichtag JJJJ-MM-TT für das Alter der Statusbelege")
def programs_validate(directory: Path | None, today: str | None) -> None:
    """Jede Programmdatei prüfen; meldet Datei, Zeile und Problem, Exit 1 bei Fehlern."""
    result = load_records(directory)
    day = parse_today(today)
    folder = directory or paths.catalogue_dir()
    bad_files = {p.path for p in result.problems}
    for programme in result.programmes:
        for message in status_problems(programme, day):
            path = folder / f"{programme.slug}.yaml"
            click.echo(f"FEHLER {path}: {message}", err=True)
            bad_files.add(path)
    valid = len(result.programmes) - len(bad_files - {p.path for p in result.problems})
    click.echo(f"{valid} Programme gültig, {len(bad_files)} Datei(en) mit Fehlern.")
    statuses = Counter(status_on(p, day) for p in result.programmes)
    click.echo(
        "Status: "
        + ", ".join(f"{code} {statuses[code]}" for code in STATUS_LABELS if statuses[code])
        + "."
    )
    coverage = financing_coverage(result.programmes)
    if coverage.records:
        click.echo(
            f"Finanzierungsbedingungen bekannt: {coverage.with_any_term} von {coverage.records} "
            f"geprüften Einträgen ({coverage.share(coverage.with_any_term)}), "
            f"Finanzierungsart: {coverage.with_type} ({coverage.share(coverage.with_type)})."
        )
        for line in coverage_lines(term_coverage(result.programmes)):
            click.echo(line)
    sys.exit(1 if bad_files else 0)


@programs.command("list")
@dir_option
def programs_list(directory: Path | None) -> None:
    """Alle Programme mit Ebene, Status und Prüfdatum auflisten."""
    for p in load_records(directory).programmes:
        click.echo(f"{p.slug:<45} {p.level:<9} {p.status:<14} {p.checked_on}  {p.short_title}")


@programs.command("show")
@click.argument("slug")
@dir_option
@click.option("--today", default=None, help="Stichtag JJJJ-MM-TT für die nächste Frist")
def programs_show(slug: str, directory: Path | None, today: str | None) -> None:
    """Ein Programm mit allen Angaben zeigen."""
    found = {p.slug: p for p in load_records(directory).programmes}
    programme = found.get(slug)
    if programme is None:
        click.echo(f"Kein Programm mit dem Slug „{slug}“.", err=True)
        sys.exit(1)
    day = parse_today(today)
    nxt = next_deadline(programme.deadline, day)
    evidence = programme.status_evidence
    rate = programme.limit("funding_rate_max_percent")
    click.echo(f"{programme.title}\n{'=' * min(len(programme.title), 100)}")
    for label_text, value in [
        ("Fördergeber", programme.funder),
        ("Ebene", taxonomy.label("levels", programme.level)),
        ("Status", status_label(programme, day)),
        (
            "Statusbeleg",
            f"{format_date(evidence.date)}, {evidence.url}" if evidence else "keiner erfasst",
        ),
        ("Förderart", taxonomy.label("funding_types", programme.funding_type)),
        ("Förderquote bis", format_percent(rate, missing=UNKNOWN)),
        *(
            [("In der Regel", format_percent(programme.funding_rate_regular_percent))]
            if programme.funding_rate_regular_percent is not None
            else []
        ),
        (
            "Antragsberechtigt",
            ", ".join(taxonomy.labels("applicant_types", programme.applicant_types)),
        ),
        ("Länder", "bundesweit" if programme.serves_all_states else ", ".join(programme.states)),
        ("Themen", ", ".join(taxonomy.labels("themes", programme.themes))),
        ("Frist", programme.deadline.label + (f", nächste: {format_date(nxt)}" if nxt else "")),
        ("Quelle", programme.source_url),
        ("Stand", programme.checked_on.isoformat()),
    ]:
        click.echo(f"{label_text + ':':<19} {value}")
    family = family_of(programme, found.values())
    if family is not None:
        click.echo(f"{'Familie:':<19} {family.parent.slug} (Dach)")
        for child in family.children:
            click.echo(f"{'':<19} - {child.slug}: {child.short_title}")
    click.echo(f"\n{programme.summary}\n")
    if programme.notes:
        click.echo(f"Hinweise: {programme.notes}")
    click.echo("Bitte prüfen Sie die aktuelle Förderrichtlinie beim Fördergeber.")


@programs.command("export")
@dir_option
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json")
def programs_export(directory: Path | None, fmt: str) -> None:
    """Den Katalog als JSON-Liste oder CSV ausgeben."""
    programmes = load_records(directory).programmes
    click.echo(export_json(programmes) if fmt == "json" else export_csv(programmes), nl=False)
    if fmt == "json":
        click.echo()


@programs.command("stale")
@dir_option
@click.option(
    "--older-than",
    "days",
    type=click.IntRange(min=0),
    default=STALE_AFTER_DAYS,
    show_default=True,
    help="Tage seit der letzten Prüfung",
)
@click.option(
    "--expiring-within",
    "expiring",
    type=click.IntRange(min=0),
    default=EXPIRING_WITHIN_DAYS,
    show_default=True,
    help="Richtlinien, die in so vielen Tagen auslaufen",
)
@click.option("--today", default=None, help="Stichtag JJJJ-MM-TT")
def programs_stale(directory: Path | None, days: int, expiring: int, today: str | None) -> None:
    """Prüfbedarf: alte Prüfung, vergangene Frist ohne neue Runde, auslaufende Richtlinie."""
    due = review_due(load_records(directory).programmes, parse_today(today), days, expiring)
    for item in due:
        p = item.programme
        click.echo(f"{p.checked_on}  {p.slug}  {p.source_url}")
        for reason in item.reasons:
            click.echo(f"    - {reason}")
    click.echo(f"{len(due)} Programm(e) zur erneuten Prüfung fällig.", err=True)


@programs.command("import-fdb")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Zielverzeichnis (Standard: programs/)",
)
@click.option("--today", default=None, help="Importdatum JJJJ-MM-TT (checked_on)")
def programs_import_fdb(path: Path, out_dir: Path | None, today: str | None) -> None:
    """Förderdatenbank-Export (XML-Ordner oder CorrelAid-CSV) als Entwürfe übernehmen."""
    from funding_matcher.domain.catalogue.fdb.importer import import_fdb
    from funding_matcher.domain.catalogue.files import dump_programme

    target = out_dir or paths.catalogue_dir()
    target.mkdir(parents=True, exist_ok=True)
    result = import_fdb(path, parse_today(today))
    drafts = {p.slug for p in load_catalogue(target).programmes if p.status == "draft"}
    written = 0
    for programme in result.programmes:
        path = target / f"{programme.slug}.yaml"
        # Only an earlier draft is replaced; a reviewed record (or one with errors) stays as is.
        if path.exists() and programme.slug not in drafts:
            click.echo(
                f"ÜBERSPRUNGEN {programme.slug}: vorhandener geprüfter (oder fehlerhafter) "
                "Eintrag wird nicht überschrieben",
                err=True,
            )
            continue
        path.write_text(dump_programme(programme), "utf-8")
        written += 1
        click.echo(f"Entwurf {programme.slug}: {programme.title}")
        for value in result.unmapped.get(programme.slug, []):
            click.echo(f"  nicht zugeordnet – {value}")
    for problem in result.problems:
        click.echo(f"FEHLER {problem}", err=True)
    click.echo(f"{written} Entwürfe geschrieben nach {target}, {len(result.problems)} Problem(e).")
    sys.exit(1 if result.problems else 0)
