"""Kinds of funding and cross-border programmes: what a match is, and whether it can apply.

A prize or a wage subsidy for one employee is not a project grant, and a cross-border programme
needs partners on the other side of the border: a professional reads these first, so the matcher
labels them and ranks them accordingly (see scoring.py and rules.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from funding_matcher.domain.catalogue.records import FundingKind, Programme
from funding_matcher.domain.places import in_area
from funding_matcher.domain.profile import Profile

_FROM_TYPE: dict[str, FundingKind] = {
    "zuschuss": "grant",
    "sonstiges": "grant",
    "darlehen": "loan",
    "tilgungszuschuss": "loan",
    "buergschaft": "loan",
    "preis": "prize",
}

KIND_LABELS: dict[str, str] = {
    "grant": "Zuschuss",
    "loan": "Darlehen",
    "prize": "Preis oder Wettbewerb",
    "personnel_subsidy": "Lohnkostenzuschuss",
}

KIND_NOTES: dict[str, str] = {
    "loan": "Darlehen: muss zurückgezahlt werden (als Eigenmittel im Finanzierungsplan)",
    "prize": "Preis oder Wettbewerb: Auszeichnung für bestehendes Engagement, kein Projektzuschuss",
    "personnel_subsidy": (
        "Lohnkostenzuschuss für eine einzelne Beschäftigung, keine Projektförderung"
    ),
}

COOPERATION_NOTES: dict[str, str] = {
    "cross_border": "Grenzüberschreitend: nur mit Partnern auf der anderen Seite der Grenze",
    "transnational": "Transnational: nur mit Partnern aus anderen Ländern",
}

_NEIGHBOURS = (
    r"(?:niederländ|holländ|dänisch|polnisch|tschechisch|französisch|österreichisch"
    r"|schweizer|luxemburgisch|belgisch)"
)
# Words that show a description speaks of cooperation across a border: the words for it, a
# bilateral adjective ("deutsch-niederländisch"), both sides of the border, a foreign partner's
# legal name (a Dutch Stichting or Gemeente, a Polish Gmina, a Czech Obec).
_ACROSS = re.compile(
    r"grenz(?:über|ueber)schreitend|grenzübergreifend|grenzuebergreifend|transnational"
    r"|städtepartnerschaft|partnerstadt|partnergemeinde|partnerregion|euregio|interreg"
    rf"|deutsch-{_NEIGHBOURS}|{_NEIGHBOURS}\w*-deutsch"
    rf"|beider(?:seits| seiten)|auf (?:der )?{_NEIGHBOURS}\w* seite|jenseits der grenze"
    r"|\b(?:stichting|gemeente|gmina|obec)\b",
    re.IGNORECASE,
)
_FOREIGN = re.compile(
    r"ausland|nachbarland|niederländ|niederland|holländ|dänisch|dänemark|polnisch|polen"
    r"|tschechi|französisch|frankreich|elsass|österreich|schweiz|luxemburg|belgi|europäisch",
    re.IGNORECASE,
)
# "tauschen uns ... aus", not a Tauschbörse.
_TOGETHER = re.compile(
    r"partner|kooperation|zusammenarbeit|austausch|\btausch(?:en|t)\b", re.IGNORECASE
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")

# The countries a text names (a partner's country, its adjective, a foreign legal form), by ISO
# code. "Schweiz" only as the country ("der Schweiz", "Schweizer"), not the Sächsische Schweiz.
COUNTRY_NAMES: dict[str, str] = {
    "AT": "Österreich",
    "BE": "Belgien",
    "CH": "Schweiz",
    "CZ": "Tschechien",
    "DK": "Dänemark",
    "FR": "Frankreich",
    "LI": "Liechtenstein",
    "LU": "Luxemburg",
    "NL": "Niederlande",
    "PL": "Polen",
}
# "Partner aus der Schweiz", "aus den Niederlanden".
COUNTRY_DATIVE = {"CH": "der Schweiz", "NL": "den Niederlanden"}
_COUNTRY_WORDS: dict[str, re.Pattern[str]] = {
    code: re.compile(pattern, re.IGNORECASE)
    for code, pattern in {
        "AT": r"\bösterreich",
        "BE": r"\bbelgi(?:en|sch)",
        "CH": r"\bschweizer|\b(?:der|die) schweiz\b",
        "CZ": r"\btschechi|\bobec\b",
        "DK": r"\bdän(?:isch|emark)",
        "FR": r"\bfranzösisch|\bfrankreich|\belsass",
        "LI": r"\bliechtenstein",
        "LU": r"(?<!rosa-)\bluxemburg",
        "NL": r"\bniederländ|\bniederlande|\bholländisch|\bholland\b|\b(?:stichting|gemeente)\b",
        "PL": r"\bpolen\b|\bpolnisch|\bgmina\b",
    }.items()
}


def funding_kind(programme: Programme) -> FundingKind:
    """The kind of support: the record's funding_kind, else read from its funding_type."""
    return programme.funding_kind or _FROM_TYPE.get(programme.funding_type, "grant")


def is_secondary_kind(kind: str) -> bool:
    """Prizes and wage subsidies: labelled, and never ranked above a fitting grant."""
    return kind in ("prize", "personnel_subsidy")


def speaks_of_cooperation_abroad(text: str) -> bool:
    """The text speaks of cooperation across a border (partners abroad, a twin town, ...)."""
    if _ACROSS.search(text):
        return True
    if not _FOREIGN.search(text):
        return False
    return any(
        _FOREIGN.search(sentence) and _TOGETHER.search(sentence)
        for sentence in _SENTENCE.split(text)
    )


def in_programme_area(programme: Programme, profile: Profile) -> bool | None:
    """True when the profile's place is in the programme area, False when outside (another Land,
    or a Gemeinde of the Land that the Gemeindeverzeichnis puts outside every listed area), None
    when the catalogue or the profile does not say (no area, no municipality, a name the
    directory does not know for certain)."""
    if not programme.serves_all_states and profile.state not in programme.states:
        return False
    area = programme.programme_area
    if not area:
        return None
    return in_area(profile.state, profile.municipality, area)


def countries_named(text: str) -> frozenset[str]:
    """The countries (ISO codes of COUNTRY_NAMES) a text names."""
    return frozenset(code for code, words in _COUNTRY_WORDS.items() if words.search(text))


def country_list(codes: Iterable[str], dative: bool = False) -> str:
    """'Polen', 'Frankreich oder der Schweiz' (``dative``: 'aus den Niederlanden')."""
    names = [(COUNTRY_DATIVE.get(c) if dative else None) or COUNTRY_NAMES[c] for c in sorted(codes)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " oder " + names[-1]


def profile_countries(profile: Profile) -> frozenset[str]:
    """The countries the project's own words and its partners' names and roles name."""
    partners = " ".join(f"{p.name} {p.role or ''}" for p in profile.partner_list)
    return countries_named(f"{profile.own_text} {partners}")


def other_partner_country(
    programme: Programme, profile: Profile, named: frozenset[str] | None = None
) -> frozenset[str]:
    """The countries the project names when the programme's partners must come from others (a
    Polish partner town for the German-Czech fund); empty when one of them fits, or when either
    side does not say. A question, not an exclusion: a guest choir from Poland does not make
    a Czech partner town Polish. ``named``: profile_countries, computed once per profile."""
    if not programme.partner_countries:
        return frozenset()
    if named is None:
        named = profile_countries(profile)
    return frozenset() if named & set(programme.partner_countries) else named


def profile_speaks_of_cooperation(profile: Profile) -> bool:
    """The profile's title or description speaks of cooperation across a border."""
    return speaks_of_cooperation_abroad(profile.own_text)


def cross_border_fits(programme: Programme, profile: Profile, speaks: bool | None = None) -> bool:
    """A cross-border or transnational programme can apply: the profile has partners abroad, or
    its description speaks of cooperation across the border (``speaks``, computed once per
    profile when given) and its place is not outside the programme area."""
    if programme.cooperation is None:
        return True
    if profile.partners_abroad:
        return True
    if profile.partners_abroad is False:
        return False
    if speaks is None:
        speaks = profile_speaks_of_cooperation(profile)
    return speaks and in_programme_area(programme, profile) is not False
