"""The JSON shape of a ranking, shared by the CLI and the API."""

from __future__ import annotations

from typing import Any

from funding_matcher.domain.matching.engine import Match, Ranking


def match_to_json(m: Match) -> dict[str, Any]:
    """One match with its reasons, hints, round and access route."""
    return {
        "program": m.programme.slug,
        "title": m.programme.title,
        "score": m.score,
        "reasons": m.reasons,
        "missing": m.missing,
        "next_deadline": m.next_deadline.isoformat() if m.next_deadline else None,
        "currently_closed": m.currently_closed,
        "round": m.round,
        "access": {
            "direct": m.access_via is None,
            "via": m.access_via.via if m.access_via else None,
        },
        "warnings": m.warnings,
        "successor": m.programme.successor,
        "source_url": m.programme.source_url,
        "checked_on": m.programme.checked_on.isoformat(),
    }


def ranking_to_json(ranking: Ranking, top: int | None = None) -> dict[str, Any]:
    """``{"results": [...], "indirect": [...], "excluded": [...]}`` (README and OpenAPI)."""
    return {
        "results": [match_to_json(m) for m in ranking.matches[:top]],
        "indirect": [match_to_json(m) for m in ranking.indirect[:top]],
        "excluded": [
            {"program": e.programme.slug, "title": e.programme.title, "reasons": e.reasons}
            for e in ranking.excluded
        ],
    }
