"""The ``funding-matcher`` command line: thin click commands over domain and operations."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click
from flask.cli import FlaskGroup, with_appcontext

from funding_matcher import create_app, operations, paths
from funding_matcher.domain import taxonomy
from funding_matcher.domain.catalogue import (
    export_csv,
    export_json,
    load_catalogue,
    stale,
)
from funding_matcher.domain.deadlines import format_date, next_deadline
from funding_matcher.domain.errors import InvalidData
from funding_matcher.extensions import db
from funding_matcher.models import ORGANISATION_KINDS, Role


def _create_app(*_args: object) -> object:
    return create_app()


@click.group(
    cls=FlaskGroup,
    create_app=_create_app,
    add_default_commands=False,
    add_version_option=False,
    load_dotenv=False,
    set_debug_flag=False,
)
def main() -> None:
    """Fördermittel-Matcher: Förderprogramme für Quartiersprojekte."""


def _today(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            "Datum im Format JJJJ-MM-TT angeben", param_hint="--today"
        ) from None


dir_option = click.option(
    "--dir",
    "directory",
    type=click.Path(path_type=Path),
    default=None,
    help="Katalogverzeichnis (Standard: programs/)",
)


def _load(directory: Path | None, strict: bool = False):
    result = load_catalogue(directory or paths.catalogue_dir())
    for problem in result.problems:
        click.echo(f"FEHLER {problem}", err=True)
    if strict and result.problems:
        sys.exit(1)
    return result


# -- programs ---------------------------------------------------------------------------------


@main.group()
def programs() -> None:
    """Den Programmkatalog (programs/) prüfen, anzeigen und exportieren."""


@programs.command("validate")
@dir_option
def programs_validate(directory: Path | None) -> None:
    """Jede Programmdatei prüfen; meldet Datei, Zeile und Problem, Exit 1 bei Fehlern."""
    result = _load(directory)
    bad_files = {p.path for p in result.problems}
    click.echo(
        f"{len(result.programmes)} Programme gültig, {len(bad_files)} Datei(en) mit Fehlern."
    )
    sys.exit(1 if result.problems else 0)


@programs.command("list")
@dir_option
def programs_list(directory: Path | None) -> None:
    """Alle Programme mit Ebene, Status und Prüfdatum auflisten."""
    for p in _load(directory).programmes:
        click.echo(f"{p.slug:<45} {p.level:<9} {p.status:<7} {p.checked_on}  {p.short_title}")


@programs.command("show")
@click.argument("slug")
@dir_option
@click.option("--today", default=None, help="Stichtag JJJJ-MM-TT für die nächste Frist")
def programs_show(slug: str, directory: Path | None, today: str | None) -> None:
    """Ein Programm mit allen Angaben zeigen."""
    found = {p.slug: p for p in _load(directory).programmes}
    programme = found.get(slug)
    if programme is None:
        click.echo(f"Kein Programm mit dem Slug „{slug}“.", err=True)
        sys.exit(1)
    nxt = next_deadline(programme.deadline, _today(today))
    rate = programme.funding_rate_max_percent
    click.echo(f"{programme.title}\n{'=' * min(len(programme.title), 100)}")
    for label_text, value in [
        ("Fördergeber", programme.funder),
        ("Ebene", taxonomy.label("levels", programme.level)),
        ("Status", taxonomy.label("statuses", programme.status)),
        ("Förderart", taxonomy.label("funding_types", programme.funding_type)),
        ("Förderquote bis", f"{rate:g} %" if rate is not None else "unbekannt"),
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
    click.echo(f"\n{programme.summary}\n")
    if programme.notes:
        click.echo(f"Hinweise: {programme.notes}")
    click.echo("Bitte prüfen Sie die aktuelle Förderrichtlinie beim Fördergeber.")


@programs.command("export")
@dir_option
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json")
def programs_export(directory: Path | None, fmt: str) -> None:
    """Den Katalog als JSON-Liste oder CSV ausgeben."""
    programmes = _load(directory).programmes
    click.echo(export_json(programmes) if fmt == "json" else export_csv(programmes), nl=False)
    if fmt == "json":
        click.echo()


@programs.command("stale")
@dir_option
@click.option(
    "--older-than",
    "days",
    type=click.IntRange(min=0),
    default=180,
    show_default=True,
    help="Tage seit der letzten Prüfung",
)
@click.option("--today", default=None, help="Stichtag JJJJ-MM-TT")
def programs_stale(directory: Path | None, days: int, today: str | None) -> None:
    """Programme, deren Angaben länger als N Tage nicht geprüft wurden."""
    due = stale(_load(directory).programmes, _today(today), days)
    for p in due:
        click.echo(f"{p.checked_on}  {p.slug}  {p.source_url}")
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
    from funding_matcher.domain.catalogue import dump_programme
    from funding_matcher.domain.fdb_import import import_fdb

    target = out_dir or paths.catalogue_dir()
    target.mkdir(parents=True, exist_ok=True)
    result = import_fdb(path, _today(today))
    existing = {p.slug: p for p in load_catalogue(target).programmes}
    written = 0
    for programme in result.programmes:
        current = existing.get(programme.slug)
        if current is not None and current.status != "draft":
            click.echo(
                f"ÜBERSPRUNGEN {programme.slug}: bereits geprüfter Eintrag "
                f"(status {current.status}) wird nicht überschrieben",
                err=True,
            )
            continue
        (target / f"{programme.slug}.yaml").write_text(dump_programme(programme), "utf-8")
        written += 1
        click.echo(f"Entwurf {programme.slug}: {programme.title}")
        for value in result.unmapped.get(programme.slug, []):
            click.echo(f"  nicht zugeordnet – {value}")
    for problem in result.problems:
        click.echo(f"FEHLER {problem}", err=True)
    click.echo(f"{written} Entwürfe geschrieben nach {target}, {len(result.problems)} Problem(e).")
    sys.exit(1 if result.problems else 0)


# -- database and catalogue -------------------------------------------------------------------


@main.group("catalogue")
def catalogue_group() -> None:
    """Den Katalog in die Datenbank übernehmen."""


@catalogue_group.command("load")
@dir_option
@with_appcontext
def catalogue_load(directory: Path | None) -> None:
    """programs/ in die Datenbank übernehmen (idempotent); meldet neu, geändert, entfernt."""
    result = _load(directory)
    if not result.programmes and result.problems:
        click.echo("Nichts geladen: keine gültige Programmdatei.", err=True)
        sys.exit(1)
    sync = operations.sync_catalogue(result.programmes)
    db.session.commit()
    click.echo(
        f"Katalog geladen: {len(sync.added)} neu, {len(sync.updated)} geändert, "
        f"{len(sync.removed)} entfernt, {sync.unchanged} unverändert."
    )
    for label_text, slugs in (
        ("neu", sync.added),
        ("geändert", sync.updated),
        ("entfernt", sync.removed),
    ):
        if slugs and len(slugs) <= 20:
            click.echo(f"  {label_text}: {', '.join(slugs)}")
    if result.problems:
        sys.exit(1)


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, type=int, show_default=True)
@click.option("--threads", default=8, type=int, show_default=True)
def serve(host: str, port: int, threads: int) -> None:
    """Die Anwendung mit waitress ausliefern."""
    from waitress import serve as waitress_serve

    app = create_app()
    click.echo(f"Fördermittel-Matcher läuft auf http://{host}:{port}/ (Strg+C beendet)")
    waitress_serve(app, host=host, port=port, threads=threads)


# -- organisations and users ------------------------------------------------------------------


def _fail(exc: InvalidData) -> None:
    for problem in exc.problems:
        click.echo(f"FEHLER {problem}", err=True)
    sys.exit(2)


@main.group("org")
def org_group() -> None:
    """Organisationen verwalten."""


@org_group.command("create")
@click.argument("name")
@click.option(
    "--kind", type=click.Choice(list(ORGANISATION_KINDS)), default="sonstige", show_default=True
)
@with_appcontext
def org_create(name: str, kind: str) -> None:
    """Eine Organisation anlegen."""
    try:
        organisation = operations.create_organisation(name, kind)
    except InvalidData as exc:
        _fail(exc)
    db.session.commit()
    click.echo(f"Organisation „{organisation.name}“ angelegt (id {organisation.id}).")


@main.group("user")
def user_group() -> None:
    """Konten verwalten."""


@user_group.command("create")
@click.argument("email")
@click.option("--name", default="")
@click.option(
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    envvar="FUNDING_MATCHER_NEW_PASSWORD",
    help="sonst wird interaktiv gefragt",
)
@with_appcontext
def user_create(email: str, name: str, password: str) -> None:
    """Ein Konto anlegen (Passwort wird mit argon2 gespeichert)."""
    try:
        user = operations.create_user(email, password, name)
    except InvalidData as exc:
        _fail(exc)
    db.session.commit()
    click.echo(f"Konto {user.email} angelegt.")


@user_group.command("add-to-org")
@click.argument("email")
@click.argument("organisation")
@click.option(
    "--role", type=click.Choice([r.value for r in Role]), default="editor", show_default=True
)
@with_appcontext
def user_add_to_org(email: str, organisation: str, role: str) -> None:
    """Ein Konto einer Organisation mit einer Rolle zuordnen."""
    user = operations.find_user(email)
    org = operations.find_organisation(organisation)
    if user is None:
        click.echo(f"FEHLER email: kein Konto für {email}", err=True)
        sys.exit(2)
    if org is None:
        click.echo(f"FEHLER organisation: keine Organisation „{organisation}“", err=True)
        sys.exit(2)
    operations.add_member(user, org, Role(role))
    db.session.commit()
    click.echo(f"{user.email} ist jetzt „{Role(role).label}“ in {org.name}.")


# -- matching ---------------------------------------------------------------------------------


@main.command("match")
@click.argument("profile_file", type=click.Path(path_type=Path))
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=1))
@click.option("--today", default=None, help="Stichtag JJJJ-MM-TT (Standard: heute)")
@click.option("--include-closed", is_flag=True, help="auch geschlossene Programme zeigen")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True
)
@dir_option
def match(
    profile_file: Path,
    top: int,
    today: str | None,
    include_closed: bool,
    fmt: str,
    directory: Path | None,
) -> None:
    """Programme für ein Projektprofil (JSON, Format v1) finden und begründen."""
    import json

    from funding_matcher.domain.matching import MatchingEngine
    from funding_matcher.domain.profile import Profile
    from funding_matcher.match_output import ranking_to_json

    try:
        profile = Profile.from_json(profile_file.read_bytes())
    except OSError as exc:
        click.echo(f"FEHLER {profile_file}: nicht lesbar ({exc.strerror})", err=True)
        sys.exit(2)
    except InvalidData as exc:
        for problem in exc.problems:
            click.echo(f"FEHLER {profile_file}: {problem}", err=True)
        sys.exit(2)
    engine = MatchingEngine(_load(directory).programmes)
    ranking = engine.rank(profile, _today(today), include_closed=include_closed, top=top)
    if fmt == "json":
        click.echo(json.dumps(ranking_to_json(ranking), ensure_ascii=False, indent=2))
        return
    click.echo(format_ranking_text(ranking))


def format_ranking_text(ranking) -> str:
    """A readable table of the ranking for the terminal."""
    lines = [f"{'#':>2}  {'Punkte':>6}  {'Programm':<45} Nächste Frist"]
    for i, m in enumerate(ranking.matches, 1):
        deadline = format_date(m.next_deadline) if m.next_deadline else "–"
        lines.append(f"{i:>2}  {m.score:>6.1f}  {m.programme.slug:<45} {deadline}")
        lines.extend(f"{'':>12}· {reason}" for reason in m.reasons)
        lines.extend(f"{'':>12}! {hint}" for hint in m.missing)
    lines.append(f"\n{len(ranking.excluded)} Programme ausgeschlossen, z. B.:")
    for e in ranking.excluded[:5]:
        lines.append(f"  {e.programme.slug}: {e.reasons[0] if e.reasons else ''}")
    return "\n".join(lines)
