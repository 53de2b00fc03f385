"""The JSON shape of a ranking, shared by the CLI and the API."""

from __future__ import annotations

from typing import Any

from funding_matcher.domain.matching.engine import Ranking


def ranking_to_json(ranking: Ranking, top: int | None = None) -> dict[str, Any]:
    """``{"results": [...], "excluded": [...]}`` as documented in the README and OpenAPI."""
    matches = ranking.matches if top is None else ranking.matches[:top]
    return {
        "results": [
            {
                "program": m.programme.slug,
                "title": m.programme.title,
                "score": m.score,
                "reasons": m.reasons,
                "missing": m.missing,
                "next_deadline": m.next_deadline.isoformat() if m.next_deadline else None,
                "currently_closed": m.currently_closed,
                "source_url": m.programme.source_url,
                "checked_on": m.programme.checked_on.isoformat(),
            }
            for m in matches
        ],
        "excluded": [
            {"program": e.programme.slug, "title": e.programme.title, "reasons": e.reasons}
            for e in ranking.excluded
        ],
    }
