"""A funding mix a grant writer would start from: one main programme plus co-funders.

Real projects are financed from several sources. From the ranked eligible grants (prizes, loans
and wage subsidies are left out, ended programmes, money reached through a third party (even
the ordinary route: the Programmpartner or the Kreis decides the amount),
rounds whose next date lies after the project's start and guidelines that end before it too)
the mix takes as main programme the best fitting one that funds the project's staff and
investment costs: the application to write first. Co-funders must fit nearly as well as the
best programme (COFUNDER_FIT_SHARE) and may be combined with everything chosen so far (neither
names the other in ``not_combinable_with``, not the same funder or programme family, not the
Bund programme and its own Land procedure), those the main programme names in
``combinable_with`` first. Every amount respects the programme's cap and rate (amounts.py); own
funds stay as declared. A main programme without a published amount is not given a figure: its
part reads "Höhe beim Fördergeber erfragen", the co-funders carry at most half of the need, and
the rest stays open. A programme that is subordinate to public money (``subsidiarity:
public_first``, e.g. Aktion Mensch) comes after it: its public co-funders are counted first and
it fills what is left; one that only tops up money of the Land or the Kommune
(``requires_public_cofunding``) is never the main programme. Of figures, the part that carries
most is called the main programme. Close fits without a published amount are named beside the
plan. With the budget split by cost type (costs.py) a part is never more than the still uncovered
costs of the types its programme funds, and a co-funder that funds only some of them (an
investment programme beside a Stelle) is planned on those.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.matching.amounts import Cap, programme_cap
from funding_matcher.domain.matching.costs import (
    Uncovered,
    funded_costs_text,
    funds_the_project,
    investment_note,
    may_cofund,
    project_cost_types,
    unfunded_costs,
)
from funding_matcher.domain.matching.funding_mix import (
    FundingMix,
    MixPart,
    source_kind,
    sum_parts,
)
from funding_matcher.domain.matching.kinds import funding_kind
from funding_matcher.domain.matching.mix_notes import conditions, gap_notes, with_rate
from funding_matcher.domain.matching.weights import (
    COFUNDER_FIT_SHARE,
    FITTING_GRANT_SHARE,
    MAIN_MIN_COVERAGE,
    MAX_COFUNDERS,
)
from funding_matcher.domain.money import ZERO, cents, json_number
from funding_matcher.domain.profile import Profile

# How many close fits without a published amount the mix names beside its plan.
UNPRICED_NAMED = 2


def combinable(candidate: Programme, chosen: Sequence[Programme]) -> bool:
    """May be combined with every chosen programme by the catalogue's facts."""
    for other in chosen:
        if (
            candidate.slug in other.not_combinable_with
            or other.slug in candidate.not_combinable_with
        ):
            return False
        if candidate.funder == other.funder or family_key(candidate) == family_key(other):
            return False  # one funder gives one grant per project, one programme one line
        if candidate.slug in other.land_procedure_for or other.slug in candidate.land_procedure_for:
            return False  # Bund programme and its Land procedure are one route
    return True


def family_key(programme: Programme) -> str:
    """The programme a record belongs to: its parent for a sub-line, else itself."""
    return programme.parent or programme.slug


def _subordinate(programme: Programme) -> bool:
    return programme.subsidiarity == "public_first"


def _funds_staff(programme: Programme, profile: Profile) -> bool:
    """Funds the project's staff, if it has any (or names no cost types)."""
    return (
        "personal" not in project_cost_types(profile)
        or not programme.cost_types
        or "personal" in programme.cost_types
    )


def _pick_main(grants: list[Programme], profile: Profile, score: dict[str, float]) -> Programme:
    """The best fitting grant that funds the project's costs (the application to write first),
    whether or not it publishes an amount: an unknown amount is asked for, never assumed. Staff
    costs decide: a programme for building and equipment cannot carry a project that is mostly
    a Stelle. Investment costs decide only among programmes that fit nearly as well
    (COFUNDER_FIT_SHARE): a soldering station does not hand a repair café to its seventh-best
    programme; the plan then says that the investment needs other money."""
    staff = [p for p in grants if _funds_staff(p, profile)] or grants
    full = [p for p in staff if funds_the_project(p, profile)]
    if full and score[full[0].slug] >= COFUNDER_FIT_SHARE * score[staff[0].slug]:
        return full[0]
    return staff[0]


def _ceiling_only(programme: Programme) -> bool:
    """A foundation's or lottery's maximum rate without a published amount or a regular rate:
    a ceiling, not what it gives (GlücksSpirale's 80 % follows from its 20 % own share; its
    projects get about 26.000 €). Its part is asked for, like an unknown amount; a public
    programme's rate is the rule its Bewilligungsbehörde applies (VV Nr. 2.2.1 zu § 44 BHO)."""
    return (
        source_kind(programme) == "foundation_grant"
        and not _known_amount(programme)
        and programme.first_application_max_eur is None
        and programme.funding_rate_regular_percent is None
    )


def _one_object(programme: Programme) -> bool:
    """A programme for one object (a building, equipment: a narrow purpose, a rate, no staff
    costs) pays its rate of that object only; one for a kind of project with its staff (6.000 €
    a year for a Mehrgenerationenhaus) gives its sum to the project as it stands."""
    return (
        programme.narrow_purpose is not None
        and programme.planning_rate is not None
        and "personal" not in programme.cost_types
    )


def _known_amount(programme: Programme) -> bool:
    """A co-funder must publish a maximum: a rate alone says nothing about how much it gives."""
    return (
        programme.limit("amount_max_eur") is not None
        or programme.limit("annual_max_eur") is not None
    )


def propose_mix(
    ranked: Sequence[tuple[Programme, float]],
    profile: Profile,
    procedure: Callable[[Programme], Programme | None] = lambda p: None,
    listed_best: float | None = None,
    caution: Callable[[Programme], str | None] = lambda p: None,
) -> FundingMix | None:
    """The mix for a profile from ranked candidates with their scores (best first); None without
    a budget. Only fitting programmes take part (FITTING_GRANT_SHARE of the best score).
    ``procedure`` names the Land procedure through which one applies for a Bund programme: the
    mix then plans with (and opens the application for) the procedure. ``listed_best``: the
    best score of the whole list, when the candidates are only those one can plan with now: a
    youth programme is no main programme for a Begegnungsfest because the fitting ones are
    between two rounds. ``caution``: what the card warns about a planned programme's timing
    (a start within weeks), carried into the plan's notes."""
    if profile.budget_total_eur is None:
        return None
    total = cents(Decimal(str(profile.budget_total_eur)))
    own = cents(Decimal(str(profile.own_funds_eur or 0)))
    need = total - own
    # The bar is set by programmes that can carry a project: one that only tops up Land or
    # Kommune money (§ 45c SGB XI) does not shut out the co-funder that fills the gap.
    best = max((score for p, score in ranked if not p.requires_public_cofunding), default=0.0)
    if listed_best is not None:
        best = max(best, listed_best)
    grants = [
        p
        for p, score in ranked
        if funding_kind(p) == "grant" and score >= FITTING_GRANT_SHARE * best
    ]
    if need <= ZERO or not grants:
        return None
    # Co-funders must fit the project nearly as well as the best programme: a programme that
    # merely passes the rules (broadband money for a Begegnungszentrum) is no co-funder.
    close = {p.slug for p, score in ranked if score >= COFUNDER_FIT_SHARE * best}
    caps: dict[str, Cap] = {}

    def cap_of(programme: Programme) -> Cap:
        if programme.slug not in caps:
            caps[programme.slug] = programme_cap(programme, profile)
        return caps[programme.slug]

    # A programme that only tops up a grant of the Land or the Kommune cannot carry a project.
    carriers = [p for p in grants if not p.requires_public_cofunding]
    if not carriers:
        return None
    scores = dict((p.slug, score) for p, score in ranked)
    main = _pick_main(carriers, profile, scores)
    if listed_best is not None and scores[main.slug] < COFUNDER_FIT_SHARE * listed_best:
        # The programmes that fit best cannot be planned for this start (their next deadline is
        # after it, or no date is known): a plan around a weaker fit is none a grant writer
        # would sign; the results say which programme to plan the start around instead.
        return None
    main = procedure(main) or main
    others = [p for p in grants if p.slug != main.slug and combinable(p, [main])]
    named = [p for p in others if main.slug in p.combinable_with or p.slug in main.combinable_with]
    named_slugs = {p.slug for p in named}
    others = named + [p for p in others if p.slug not in named_slugs]

    # A co-funder for one object only (Erstausstattung, a building) funds that part of the
    # costs, whose size the profile does not say: named beside the plan, never planned with its
    # rate of the whole budget. One that funds other costs than the project's staff and
    # investment (Erstausstattung beside a Stelle) is left to the list, unless the budget is
    # split by cost type: then it is planned on the costs it funds.
    part_only = [p for p in others if p.slug in close and _one_object(p)]
    others = [
        p
        for p in others
        if p.slug in close
        and not _one_object(p)
        and _known_amount(p)
        and cap_of(p).eur is not None
        and may_cofund(p, profile)
    ]

    parts: list[MixPart] = []
    chosen: list[Programme] = [main]
    gap = need
    uncovered = Uncovered(profile)

    def part_amount(programme: Programme, cap: Cap, most: Decimal) -> tuple[Decimal, str]:
        """The part within its cap, ``most`` and the uncovered costs it funds, and its basis."""
        basis = f"bis {cap.text}"
        amount = min(cap.eur or ZERO, most)
        room = uncovered.room(programme)
        if room is not None and room < amount:
            amount = room
            open_costs = funded_costs_text(programme, profile) or "Kosten"
            basis += f" – begrenzt auf die noch offenen {open_costs}"
        uncovered.take(programme, amount)
        return amount, basis

    def add_cofunders(pool: list[Programme], keep: Decimal = ZERO) -> None:
        """Co-funders in order, each within its cap, until only ``keep`` is left to cover."""
        nonlocal gap
        for programme in pool:
            if gap <= keep or len(parts) - _has_main(parts) >= MAX_COFUNDERS:
                return
            if any(programme.slug == c.slug for c in chosen) or not combinable(programme, chosen):
                continue
            if programme.requires_public_cofunding and not any(
                source_kind(c) == "public_grant" for c in chosen
            ):
                continue
            amount, basis = part_amount(programme, cap_of(programme), gap - keep)
            if amount > ZERO:
                parts.append(MixPart(programme, "cofunder", amount, basis, source_kind(programme)))
                chosen.append(programme)
                gap -= amount

    cap = cap_of(main)
    if _subordinate(main):
        add_cofunders([p for p in others if source_kind(p) == "public_grant"])
    # A ceiling-only main programme after its public co-funders (Nachrang) takes the rest
    # within its rate: that figure is the gap, not the ceiling.
    if cap.eur is None or (_ceiling_only(main) and not parts):
        # No published amount: the main programme's part is to be asked for, not a figure. The
        # co-funders with a published cap are planned up to the half of the need the main
        # programme is expected to carry; the rest stays open until the funder has answered.
        add_cofunders(others, keep=cents(need * Decimal(str(MAIN_MIN_COVERAGE))))
        basis = (
            f"bis {cap.text} – Höhe beim Fördergeber erfragen"
            if cap.text
            else ("Höhe nicht veröffentlicht – beim Fördergeber erfragen")
        )
        parts.insert(0, MixPart(main, "main", None, basis, source_kind(main)))
        parts = [p for p in parts if p.amount_eur is None or p.amount_eur > ZERO]
    else:
        amount, basis = part_amount(main, cap, gap)
        parts.insert(0, MixPart(main, "main", amount, basis, source_kind(main)))
        gap -= amount
        add_cofunders(others)
        parts = _main_carries_most([p for p in parts if p.amount_eur and p.amount_eur > ZERO])
    if not parts:
        return None
    notes = gap_notes(parts, total, own, need - sum_parts(parts)) + conditions(parts)
    for part in parts:
        said = caution(part.programme)
        if said:
            notes.append(f"{part.programme.short_title}: {said}.")
    first = parts[0].programme
    if "investiv" in unfunded_costs(first, profile):
        notes.append(investment_note(first, [p.programme for p in parts], uncovered))
    # Close fits the plan cannot put a figure on (no published amount): named, not dropped, as
    # long as something is left to finance; a plan that covers the need names no more money
    # (that would be overfinancing, and some programmes forbid other public money beside them).
    planned = [p.programme for p in parts]
    covered = sum_parts(parts) >= need and all(part.amount_eur is not None for part in parts)
    if covered:
        part_only = []
    unpriced = [
        p
        for p in grants
        if not covered
        and p.slug in close
        and not _known_amount(p)
        and not _one_object(p)
        and not p.requires_public_cofunding
        and all(p.slug != q.slug for q in planned)
        and combinable(p, planned)
    ][:UNPRICED_NAMED]
    for p in part_only[:UNPRICED_NAMED]:
        if p.narrow_purpose and all(p.slug != q.slug for q in planned) and combinable(p, planned):
            notes.append(
                f"Für einen Teil der Kosten: {with_rate(p)}, gefördert wird nur "
                f"{p.narrow_purpose.label} – diesen Teil beziffern und den Betrag beim "
                "Fördergeber erfragen."
            )
    if unpriced:
        names = ", ".join(with_rate(p) for p in unpriced)
        notes.append(
            f"Ebenfalls passend, ohne veröffentlichten Höchstbetrag: {names} – den Betrag beim "
            "Fördergeber erfragen und als weitere Finanzierung eintragen."
        )
    return FundingMix(total, own, need, parts, notes)


def _main_carries_most(parts: list[MixPart]) -> list[MixPart]:
    """The part with the largest amount first and called main (ties: the better ranked)."""
    if not parts:
        return parts
    first = max(parts, key=lambda p: (p.amount_eur, p.role == "main"))
    ordered = [first] + [p for p in parts if p is not first]
    return [
        MixPart(
            p.programme, "main" if p is first else "cofunder", p.amount_eur, p.basis, p.source_kind
        )
        for p in ordered
    ]


def _has_main(parts: list[MixPart]) -> int:
    return int(any(p.role == "main" for p in parts))


def planned_financing(mix: FundingMix) -> list[dict[str, object]]:
    """The co-funders as budget v2 financing sources of the main programme's application:
    ``{kind, label, programme, amount_eur, status}`` (budget.md, Financing), status geplant."""
    return [
        {
            "kind": part.source_kind,
            "label": part.programme.short_title,
            "programme": part.programme.slug,
            "amount_eur": json_number(part.amount_eur),
            "status": "geplant",
        }
        for part in mix.cofunders
    ]
