"""``funding-matcher match``: rank the catalogue for a profile file, without a database."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from funding_matcher.cli.common import dir_option, load_records, parse_today
from funding_matcher.domain.catalogue.deadlines import format_date
from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.matching.engine import MatchingEngine, Ranking
from funding_matcher.domain.matching.output import ranking_to_json
from funding_matcher.domain.profile import Profile


@click.command("match")
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
        click.echo(json.dumps(ranking_to_json(ranking), ensure_ascii=False, indent=2))
        return
    click.echo(format_ranking_text(ranking))


def format_ranking_text(ranking: Ranking) -> str:
    """A readable table of the ranking for the terminal."""
    lines = [f"{'#':>2}  {'Punkte':>6}  {'Programm':<45} Nächste Frist"]
    for i, m in enumerate(ranking.matches, 1):
        deadline = format_date(m.next_deadline) if m.next_deadline else "–"
        lines.append(f"{i:>2}  {m.score:>6.1f}  {m.programme.slug:<45} {deadline}")
        lines.extend(f"{'':>12}· {reason}" for reason in m.reasons)
        lines.extend(f"{'':>12}! {hint}" for hint in m.warnings + m.missing)
    if ranking.indirect:
        lines.append("\nÜber Dritte erreichbar (Weiterleitung):")
        for m in ranking.indirect:
            lines.append(f"    {m.score:>6.1f}  {m.programme.slug:<45} {m.reasons[0]}")
    lines.append(f"\n{len(ranking.excluded)} Programme ausgeschlossen, z. B.:")
    for e in ranking.excluded[:5]:
        lines.append(f"  {e.programme.slug}: {e.reasons[0] if e.reasons else ''}")
    return "\n".join(lines)
