"""Who grants the money: the funder's kind for the wording (§ 7) and the post-award profiles
(§ 10.1)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.taxonomy import STATES

FUNDER_LEVELS = ("eu", "bund", "land", "kommune", "stiftung")
PUBLIC_LEVELS = frozenset({"eu", "bund", "land", "kommune"})
AUTHORITY = "Bewilligungsbehörde"
FUNDER = "Fördergeber"
# Words a foundation's or lottery's grantee must never read: they grant by contract (§ 7).
PUBLIC_LAW_WORDS = ("Bewilligungsbehörde", "Zuwendungsbescheid", "ANBest")


def check_funder_level(value: str | None, field: str = "funder_level") -> str | None:
    """The funder level code or None; InvalidData naming ``field`` when unknown."""
    if value is None or value == "":
        return None
    code = value.strip().lower()
    if code not in FUNDER_LEVELS:
        message = f"unbekannte Ebene „{value}“ (erlaubt: {', '.join(FUNDER_LEVELS)})"
        raise InvalidData([FieldProblem(field, message)])
    return code


def funder_kind(level: str | None, post_award_profile: str | None = None) -> str | None:
    """The kind the wording follows: a ``stiftung_vertrag`` programme is worded as a foundation."""
    if post_award_profile == "stiftung_vertrag":
        return "stiftung"
    return level if level in FUNDER_LEVELS else None


def submission_funder_term(kind: str | None) -> str:
    """ "Bewilligungsbehörde" for public funders, else "Fördergeber"."""
    return AUTHORITY if kind in PUBLIC_LEVELS else FUNDER


def vorgespraech_title(kind: str | None) -> str:
    """The first talk: with an authority, with a foundation (or its Spitzenverband), or unknown."""
    if kind in PUBLIC_LEVELS:
        return "Vorgespräch mit der Bewilligungsbehörde"
    if kind == "stiftung":
        return "Abstimmung mit dem Fördergeber bzw. Spitzenverband"
    return "Vorgespräch mit dem Fördergeber"


# -- post-award profiles ---------------------------------------------------------------------

ZnRule = Literal["nabf", "bescheid", "none"]
BelegeRule = Literal["vn_plus_5", "contract"]


@dataclass(frozen=True)
class AwardProfile:
    """The Nebenbestimmungen of a Bescheid or contract, as far as the dates go."""

    id: str
    rules: str | None
    vn_months: int | None  # None: the date comes from the Bescheid or contract
    zn: ZnRule
    belege: BelegeRule
    land: str | None  # the Land whose law sets the rules, for § 193 BGB
    small_grant_limit: Decimal | None = None  # Art. 44a BayHO: VN only on request
    contract: bool = False

    @property
    def funder_term(self) -> str:
        """ "Bewilligungsbehörde" for public-law profiles, "Fördergeber" for contracts."""
        return FUNDER if self.contract else AUTHORITY


LAND_NAMES = {code: name for code, name in STATES.items()} | {"NW": "NRW"}
KOMMUNAL_PROFILES: dict[str, tuple[str, str]] = {
    "NW": ("nw_anbest_g", "ANBest-G (NRW)"),
    "BY": ("by_anbest_k", "ANBest-K (Bayern)"),
    "BW": ("bw_anbest_k", "ANBest-K (Baden-Württemberg)"),
    "SN": ("sn_anbest_k", "ANBest-K (Sachsen)"),
    "SH": ("sh_anbest_k", "ANBest-K (Schleswig-Holstein)"),
    "NI": ("ni_anbest_gk", "ANBest-Gk (Niedersachsen)"),
}


def _profiles() -> dict[str, AwardProfile]:
    found = {
        "bund_anbest_p": AwardProfile(
            "bund_anbest_p", "ANBest-P (Bund)", 6, "nabf", "vn_plus_5", None
        ),
        "bund_anbest_gk": AwardProfile(
            "bund_anbest_gk", "ANBest-Gk (Bund)", 12, "bescheid", "vn_plus_5", None
        ),
        "stiftung_vertrag": AwardProfile(
            "stiftung_vertrag",
            "Förderbedingungen bzw. Fördervertrag des Fördergebers",
            None,
            "none",
            "contract",
            None,
            contract=True,
        ),
    }
    for land, (profile_id, rules) in KOMMUNAL_PROFILES.items():
        limit = Decimal(100000) if land == "BY" else None
        found[profile_id] = AwardProfile(
            profile_id, rules, None, "bescheid", "vn_plus_5", land, limit
        )
    for land in STATES:
        if land not in KOMMUNAL_PROFILES:
            profile_id = f"{land.lower()}_kommunal"
            found[profile_id] = AwardProfile(profile_id, None, None, "bescheid", "vn_plus_5", land)
        profile_id = f"{land.lower()}_anbest_p"
        limit = Decimal(10000) if land == "BY" else None
        rules = f"ANBest-P ({LAND_NAMES[land]})"
        found[profile_id] = AwardProfile(
            profile_id, rules, None, "bescheid", "vn_plus_5", land, limit
        )
    return found


AWARD_PROFILES: dict[str, AwardProfile] = _profiles()


def award_profile(profile_id: str, field: str = "funder_profile") -> AwardProfile:
    """The profile of an id; InvalidData naming ``field`` for any other id."""
    code = profile_id.strip().lower() if isinstance(profile_id, str) else ""
    if code not in AWARD_PROFILES:
        message = (
            f"unbekanntes Profil „{profile_id}“ "
            "(z. B. bund_anbest_p, nw_anbest_g, by_anbest_p, stiftung_vertrag)"
        )
        raise InvalidData([FieldProblem(field, message)])
    return AWARD_PROFILES[code]


def derive_profile(level: str | None, is_kommune: bool, land: str) -> str | None:
    """§ 10.1: the profile from the funder's level, the applicant and the funder's Land."""
    if level == "bund":
        return "bund_anbest_gk" if is_kommune else "bund_anbest_p"
    if level == "land":
        if is_kommune:
            known = KOMMUNAL_PROFILES.get(land)
            return known[0] if known else f"{land.lower()}_kommunal"
        return f"{land.lower()}_anbest_p"
    if level == "stiftung":
        return "stiftung_vertrag"
    return None  # eu, kommune or nothing: the Bescheid's own rules, no guess
