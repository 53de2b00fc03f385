"""``funding-matcher match``: rank the catalogue for a profile file, without a database."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from funding_matcher.cli.common import dir_option, load_records, parse_today
from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.german import format_date, format_eur
from funding_matcher.domain.matching.engine import MatchingEngine, Ranking
from funding_matcher.domain.matching.explain import route_label
from funding_matcher.domain.matching.kinds import KIND_LABELS
from funding_matcher.domain.matching.output import EXCLUDED_PER_PAGE, ranking_to_json
from funding_matcher.domain.matching.ranking import Match
from funding_matcher.domain.profile import Profile


@click.command("match")
@click.argument("profile_file", type=click.Path(path_type=Path))
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=1))
@click.option("--today", default=None, help="Stichtag JJJJ-MM-TT (Standard: heute)")
@click.option("--include-closed", is_flag=True, help="auch geschlossene Programme zeigen")
@click.option(
    "--include-excluded", is_flag=True, help="alle ausgeschlossenen Programme mit Gründen zeigen"
)
@click.option(
    "--page", default=1, show_default=True, type=click.IntRange(min=1), help="Seite der Ausschlüsse"
)
@click.option(
    "--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True
)
@dir_option
def match(
    profile_file: Path,
    top: int,
    today: str | None,
    include_closed: bool,
    include_excluded: bool,
    page: int,
    fmt: str,
    directory: Path | None,
) -> None:
    """Programme für ein Projektprofil (JSON, Format v1) finden und begründen."""
    try:
        profile = Profile.from_json(profile_file.read_bytes())
    except OSError as exc:
        click.echo(f"FEHLER {profile_file}: nicht lesbar ({exc.strerror})", err=True)
        sys.exit(2)
    except InvalidData as exc:
        for problem in exc.problems:
            click.echo(f"FEHLER {profile_file}: {problem}", err=True)
        sys.exit(2)
    engine = MatchingEngine(load_records(directory).programmes)
    ranking = engine.rank(profile, parse_today(today), include_closed=include_closed, top=top)
    if fmt == "json":
        answer = ranking_to_json(ranking, include_excluded=include_excluded, page=page)
        click.echo(json.dumps(answer, ensure_ascii=False, indent=2))
        return
    click.echo(format_ranking_text(ranking, include_excluded, page))


def _badges(m: Match) -> str:
    badges = []
    if m.kind != "grant":
        badges.append(KIND_LABELS[m.kind])
    if m.access_via is not None:
        badges.append(route_label(m.access_via))
    if m.unclear:
        badges.append("Status unklar")
    return f"  [{' | '.join(badges)}]" if badges else ""


def _match_lines(i: int | str, m: Match) -> list[str]:
    deadline = format_date(m.next_deadline) if m.next_deadline else "–"
    lines = [f"{i:>2}  {m.score:>6.1f}  {m.programme.slug:<45} {deadline}{_badges(m)}"]
    lines.extend(f"{'':>12}· {reason}" for reason in m.reasons)
    lines.extend(f"{'':>12}! {hint}" for hint in m.warnings + m.missing)
    return lines


def format_mix(ranking: Ranking) -> list[str]:
    """The funding mix as lines for the terminal."""
    mix = ranking.mix
    if mix is None:
        return [f"Finanzierungsvorschlag: {ranking.no_mix_reason}"]
    lines = [
        f"Finanzierungsvorschlag für {format_eur(mix.total_eur)} Gesamtkosten "
        f"(Eigenmittel {format_eur(mix.own_eur)}, Bedarf {format_eur(mix.need_eur)}):"
    ]
    for part in mix.parts:
        role = "Hauptförderung" if part.role == "main" else "Kofinanzierung"
        amount = "erfragen" if part.amount_eur is None else format_eur(part.amount_eur)
        lines.append(f"  {role:<15} {amount:>16}  {part.programme.slug} ({part.basis})")
    lines.append(f"  {'noch offen':<15} {format_eur(mix.gap_eur):>16}")
    lines.extend(f"  ! {note}" for note in mix.notes)
    return lines


def format_ranking_text(ranking: Ranking, include_excluded: bool = False, page: int = 1) -> str:
    """A readable table of the ranking for the terminal."""
    lines = [f"{'#':>2}  {'Punkte':>6}  {'Programm':<45} Nächste Frist"]
    for i, m in enumerate(ranking.matches, 1):
        lines.extend(_match_lines(i, m))
    if ranking.indirect:
        lines.append("\nÜber Dritte erreichbar (Weiterleitung):")
        for m in ranking.indirect:
            lines.append(f"    {m.score:>6.1f}  {m.programme.slug:<45} {m.reasons[0]}")
    lines.append("")
    lines.extend(format_mix(ranking))
    lines.append(f"\n{ranking.excluded_total} Programme ausgeschlossen:")
    lines.extend(f"  {c.label}: {c.count}" for c in ranking.excluded_counts)
    if include_excluded:
        shown = ranking.excluded_page(page, EXCLUDED_PER_PAGE)
        lines.append(f"Seite {page} (je {EXCLUDED_PER_PAGE}):")
    else:
        shown = ranking.close_excluded
        if shown:
            lines.append("Knapp ausgeschlossen:")
    lines.extend(f"  {e.programme.slug}: {'; '.join(e.reasons)}" for e in shown)
    return "\n".join(lines)
