"""The JSON shape of a ranking, shared by the CLI and the API.

The answer grows with what was asked for, not with the catalogue: ``top`` matches, the funding
mix, exclusions counted by reason with the few close ones, and the full list of exclusions only
with ``include_excluded`` (one page at a time).
"""

from __future__ import annotations

from typing import Any

from funding_matcher.domain.matching.funding_mix import FundingMix
from funding_matcher.domain.matching.kinds import KIND_LABELS
from funding_matcher.domain.matching.ranking import Exclusion, Match, Ranking
from funding_matcher.domain.money import json_number

EXCLUDED_PER_PAGE = 50


def match_to_json(m: Match) -> dict[str, Any]:
    """One match with its reasons, hints, round, kind, access route, conflicts and link."""
    return {
        "program": m.programme.slug,
        "title": m.programme.title,
        "score": m.score,
        "reasons": m.reasons,
        "missing": m.missing,
        "next_deadline": m.next_deadline.isoformat() if m.next_deadline else None,
        "currently_closed": m.currently_closed,
        "round": m.round,
        "status_unclear": m.unclear,
        "kind": m.kind,
        "kind_label": KIND_LABELS[m.kind],
        "cooperation": m.programme.cooperation,
        "access": {
            "direct": m.access_via is None,
            "via": m.access_via.via if m.access_via else None,
            "ordinary": m.ordinary_route,
        },
        "amount": {
            "cap_eur": m.cap_eur,
            "coverage_percent": round(m.coverage * 100) if m.coverage is not None else None,
        },
        "conflicts": m.conflicts,
        "linked": m.linked,
        "warnings": m.warnings,
        "successor": m.programme.successor,
        "source_url": m.programme.source_url,
        "checked_on": m.programme.checked_on.isoformat(),
    }


def mix_to_json(mix: FundingMix | None) -> dict[str, Any] | None:
    """The funding mix: main programme and co-funders with amounts, and what is left open."""
    if mix is None:
        return None
    return {
        "total_eur": json_number(mix.total_eur),
        "own_eur": json_number(mix.own_eur),
        "need_eur": json_number(mix.need_eur),
        "covered_eur": json_number(mix.covered_eur),
        "gap_eur": json_number(mix.gap_eur),
        "parts": [
            {
                "program": part.programme.slug,
                "title": part.programme.short_title,
                "role": part.role,
                # null: no amount published, to be asked of the funder (basis says so)
                "amount_eur": None if part.amount_eur is None else json_number(part.amount_eur),
                "basis": part.basis,
                "source_kind": part.source_kind,
            }
            for part in mix.parts
        ],
        "notes": mix.notes,
    }


def _exclusion(e: Exclusion) -> dict[str, Any]:
    return {"program": e.programme.slug, "title": e.programme.title, "reasons": e.reasons}


def ranking_to_json(
    ranking: Ranking,
    top: int | None = None,
    include_excluded: bool = False,
    page: int = 1,
    per_page: int = EXCLUDED_PER_PAGE,
) -> dict[str, Any]:
    """``{"results", "indirect", "funding_mix", "funding_mix_note", "excluded_summary",
    "excluded"}`` (README,
    OpenAPI): ``excluded`` holds the close ones, or one page of all with include_excluded."""
    answer: dict[str, Any] = {
        "results": [match_to_json(m) for m in ranking.matches[:top]],
        "indirect": [match_to_json(m) for m in ranking.indirect[:top]],
        "funding_mix": mix_to_json(ranking.mix),
        # Without a mix, why not (the sentence the results page and the CLI show).
        "funding_mix_note": None if ranking.mix is not None else ranking.no_mix_reason,
        "excluded_summary": {
            "total": ranking.excluded_total,
            "by_reason": [
                {"rule": c.rule, "reason": c.label, "count": c.count}
                for c in ranking.excluded_counts
            ],
        },
    }
    if include_excluded:
        answer["excluded"] = [_exclusion(e) for e in ranking.excluded_page(page, per_page)]
        answer["excluded_page"] = {
            "page": page,
            "per_page": per_page,
            "total": ranking.excluded_total,
        }
    else:
        answer["excluded"] = [_exclusion(e) for e in ranking.close_excluded]
    return answer
