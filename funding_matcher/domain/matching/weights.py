"""Every weight and threshold of the matcher, in one place.

The score of an eligible programme is a weighted sum of parts, each between 0 and 1:

- ``text``: cosine similarity of the TF-IDF vectors of profile and programme text, divided by the
  best similarity among the eligible programmes of this query (so the best text match gets 1).
- ``themes``: similarity of the theme codes, overlap / (|programme| ** e x |profile| ** (1 - e))
  with e = THEME_SIZE_EXPONENT (0.5: cosine), so a programme naming few, specific themes beats
  one that lists nearly all (0 when the profile has none).
- ``targets``: the same for the target groups (e = TARGET_SIZE_EXPONENT); a programme for
  "alle" and no named group of the profile gets ``ALL_TARGET_CREDIT``.
- ``costs``: share of the profile's cost types the programme funds.
- ``amount``: how well the programme's euro cap fits the need (scoring.coverage_credit): 1 when
  it covers at least ``COFUNDING_SHARE`` of it, less for a co-funder that covers a smaller share;
  ``AMOUNT_UNKNOWN_CREDIT`` when cap or need is unknown. The same credit also scales the whole
  score (``COVERAGE_SCALE``), so that a programme covering 0.1 % of a large project's need does
  not rank among its main programmes, while one covering a fifth stays near the top.
- ``regional``: 1 for a programme of the project's Land alone, 1/n for one shared by n Länder.
- ``applicant``: how specifically the programme addresses the applicant type (1 / number of
  eligible applicant types), so that programmes made for Kommunen rank first for Kommunen.
- ``designated``: 1 when the programme needs a designated area and the profile has one.

The values were chosen by measurement on the shared development cases and the project's own
cases together (``benchmarks/eval_matcher.py``, figures in the comments: shared / own nDCG@10),
preferring round numbers and stability over the last hundredth; never on a single case.
"""

from __future__ import annotations

from typing import NamedTuple

WEIGHTS: dict[str, float] = {
    "text": 0.45,
    "themes": 0.20,
    "targets": 0.08,
    "costs": 0.05,
    "amount": 0.04,
    "regional": 0.02,
    "applicant": 0.12,
    "designated": 0.04,
}

# A project asking for less than this share of the programme's minimum is too small for it.
MIN_AMOUNT_FACTOR = 0.5

# Score multiplier for programmes that have ended (status closed, or no round and none
# announced), when the user asks to see them anyway (include_closed): marked "beendet" with
# their successor, below equally fitting programmes one can still apply to. See STANDING_FACTORS.
CLOSED_FACTOR = 0.8

# Score multiplier for programmes the applicant reaches only through an intermediary (a Verein
# through a Kommune's Verfügungsfonds): still a match, but below equally fitting programmes it
# can apply to itself, because the money depends on a third party's decision and budget.
INDIRECT_FACTOR = 0.5

# Amount fit when the programme's cap or the project's need is unknown.
AMOUNT_UNKNOWN_CREDIT = 0.5
# A euro cap covering the share c of the need counts as min(1, c / COFUNDING_SHARE) **
# COVERAGE_EXPONENT: 0.5 -> 1, 0.2 -> 0.80, 0.03 -> 0.49, 0.001 -> 0.21. The whole score is
# multiplied by 1 - COVERAGE_SCALE * (1 - that).
COVERAGE_EXPONENT = 0.25
# 1.0 pushed the most specific small co-funder (RL Mehrgenerationen, 6.000 Euro a year for a
# Mehrgenerationenhaus) below broad programmes with big caps; measured (shared / own): 1.0 ->
# 0.834 / 0.803, 0.5 -> 0.842 / 0.814, 0.25 the same, 0 -> 0.828 / 0.814. At 0.5 a programme
# covering 0.1 % of the need keeps 60 % of its score, one covering a fifth 90 %.
COVERAGE_SCALE = 0.5
# Below this share of the need a programme is called a co-funder ("als Kofinanzierung").
COFUNDING_SHARE = 0.5
# A programme through an intermediary that is the ordinary way in for the applicant (the Kreis
# for 2.000 x 1.000 Euro, a Programmpartner for Kultur macht stark) is listed with the direct
# ones, a little below an equally fitting direct one: the money still depends on the
# intermediary's contingent. Measured on both dev case sets: 1.0 -> nDCG 0.850 / 0.788,
# 0.75 -> 0.851 / 0.800, 0.5 -> 0.851 / 0.801 (shared / own cases).
ORDINARY_ROUTE_FACTOR = 0.75
# Standing (standing.py). Between two rounds with a known next date (an annual call, an
# announced window) a programme keeps its place by fit: for a Kommune the yearly
# Städtebauförderung call is the ordinary way in. Without a known next date it ranks a little
# lower (NO_WINDOW_FACTOR). Since catalogue round three two thirds of the records are "unclear"
# (no dated evidence younger than twelve months), mostly because of the age of the evidence:
# the status doubt is shown on every card and only breaks ties (UNCLEAR_FACTOR); 0.85 ranked
# closed programmes above equally fitting unclear ones. Measured (shared / own nDCG@10) as
# (ended, no window, unclear): (1.0, 1.0, 0.85) -> 0.772 / 0.675, (0.8, 0.8, 0.85) -> 0.812 /
# 0.754, (0.8, 0.8, 0.95) -> 0.834 / 0.800, (0.8, 0.8, 0.98) -> 0.842 / 0.814, (0.8, 0.8, 1.0)
# the same, (1.0, 0.8, 0.98) -> 0.829 / 0.802, (0.6, 0.8, 0.98) -> 0.822 / 0.814, (0.8, 0.6,
# 0.98) -> 0.844 / 0.780, (0.8, 1.0, 0.98) -> 0.811 / 0.751.
UNCLEAR_FACTOR = 0.98
NO_WINDOW_FACTOR = 0.8


class StandingFactors(NamedTuple):
    """Score multipliers by standing (standing.py); open programmes and programmes between two
    rounds with a known next date keep 1."""

    ended: float  # closed, or no round and none announced (listed with include_closed)
    no_window: float  # between two rounds, no next date known
    unclear: float  # the status could not be confirmed


STANDING_FACTORS = StandingFactors(CLOSED_FACTOR, NO_WINDOW_FACTOR, UNCLEAR_FACTOR)
# A prize or a wage subsidy never ranks above a fitting grant: a grant scoring at least this
# share of the best grant's score. Below the lowest such grant it keeps its own order.
FITTING_GRANT_SHARE = 0.5

# Target group "alle" is weak evidence: a programme for everybody fits any group half.
ALL_TARGET_CREDIT = 0.5
# Score multiplier for a programme made for other people: it names target groups, not "alle",
# and none of those a profile names that is not open to everybody (Integrationsagenturen for a
# Kita-and-Seniorenzentrum project). The targets part alone (weight 0.08) let such programmes
# lead on shared text. Measured (shared / own nDCG@10, as labelled): 1.0 -> 0.819 / 0.792,
# 0.9 -> 0.824 / 0.792, 0.8 -> 0.824 / 0.792, 0.7 -> 0.827 / 0.792, 0.6 -> 0.819 / 0.792; 0.8
# and 0.7 gain on the shared set and lose nothing on the own one in every reading of
# benchmarks/eval_matcher.py; 0.8, the milder, because the warning says it anyway.
OTHER_TARGETS_FACTOR = 0.8
# Score multiplier for a programme that funds one kind of measure or object only (the record's
# narrow_purpose: Ferienreisen, a playground, broadband) when the project's own words name none
# of it (purpose.py). Set before measuring; the figures are in the README.
NARROW_PURPOSE_FACTOR = 0.5
# Score multiplier for a programme whose partners must come from countries the project does not
# name while it names others (the German-Czech fund for a Polish partner town): asked, not
# excluded, because one guest choir from Poland does not make a Czech partner town Polish. The
# same as NARROW_PURPOSE_FACTOR, set before measuring.
PARTNER_COUNTRY_FACTOR = 0.5
# How much a long list of codes dilutes a programme's match (0: not at all, 0.5: cosine). Themes
# say what a programme is for, so a programme naming all of them is less specific. Target groups
# are mostly a list of who may benefit: a lottery naming children, families, older people and
# refugees is no weaker fit for older people than one naming only them. The profile's side takes
# 1 - e, so a full match stays 1. Measured with the standing factors below (shared / own
# nDCG@10): targets 0.5 -> 0.814 / 0.810, 0.35 -> 0.837 / 0.810, 0.25 -> 0.842 / 0.814, 0.1 ->
# 0.843 / 0.814; themes 0.25 instead of 0.5 -> 0.837 / 0.814.
THEME_SIZE_EXPONENT = 0.5
TARGET_SIZE_EXPONENT = 0.25

# Reasons: how many matching terms to show.
TERMS_IN_REASON = 3

# Funding mix (mix.py): at most this many co-funders; beside a main programme without a
# published amount the co-funders carry at most the share 1 - MAIN_MIN_COVERAGE of the need (the
# main programme is expected to carry the rest, its amount asked of the funder); co-funders fit
# nearly as well as the best (COFUNDER_FIT_SHARE: 0.5 let broadband money co-fund a
# Begegnungszentrum and a housing-and-care programme become the main programme of a
# Nachbarschaftstreff); candidates come from the best MIX_POOL eligible programmes.
MAX_COFUNDERS = 3
MAIN_MIN_COVERAGE = 0.5
COFUNDER_FIT_SHARE = 0.75
MIX_POOL = 30

# Exclusions: how many "close" ones (failing a single soft rule) an answer lists by default.
CLOSE_EXCLUSIONS = 5
