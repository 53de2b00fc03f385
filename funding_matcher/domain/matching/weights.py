"""Every weight and threshold of the matcher, in one place.

The score of an eligible programme is a weighted sum of parts, each between 0 and 1:

- ``text``: cosine similarity of the TF-IDF vectors of profile and programme text, divided by the
  best similarity among the eligible programmes of this query (so the best text match gets 1).
- ``themes``: cosine similarity of the theme codes, overlap / sqrt(|programme| x |profile|), so a
  programme naming few, specific themes beats one that lists nearly all (0 when the profile has
  none).
- ``targets``: the same for the target groups; a programme for "alle" and no named group of the
  profile gets ``ALL_TARGET_CREDIT``.
- ``costs``: share of the profile's cost types the programme funds.
- ``amount``: 1 when the requested sum lies between the programme's minimum and maximum
  (partial credit when they are unknown or the sum lies outside).
- ``regional``: 1 for a programme of the project's Land alone, 1/n for one shared by n Länder.
- ``applicant``: how specifically the programme addresses the applicant type (1 / number of
  eligible applicant types), so that programmes made for Kommunen rank first for Kommunen.
- ``designated``: 1 when the programme needs a designated area and the profile has one.

The values were chosen by measurement on the shared development cases (see the closing notes
and ``benchmarks/``), preferring round numbers and stability over the last hundredth.
"""

from __future__ import annotations

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

# A programme whose maximum is below this share of the requested sum cannot carry the project.
MAX_AMOUNT_FACTOR = 10.0
# A project asking for less than this share of the programme's minimum is too small for it.
MIN_AMOUNT_FACTOR = 0.5

# Score multiplier for programmes that are closed or past their last deadline, when the user
# asks to see them anyway (include_closed). 1.0: they keep their place by fit and are marked
# "beendet" with their successor in the reasons; a lower factor ranked them below weaker open
# programmes on the development cases.
CLOSED_FACTOR = 1.0

# Score multiplier for programmes the applicant reaches only through an intermediary (a Verein
# through a Kommune's Verfügungsfonds): still a match, but below equally fitting programmes it
# can apply to itself, because the money depends on a third party's decision and budget.
INDIRECT_FACTOR = 0.5

# Amount fit when the programme publishes no minimum or maximum, and when the requested sum is
# outside its range (but not so far outside that a hard rule excludes it): programmes often fund
# a part of a larger project.
AMOUNT_UNKNOWN_CREDIT = 0.5
AMOUNT_OUTSIDE_CREDIT = 0.25

# Target group "alle" is weak evidence: a programme for everybody fits any group half.
ALL_TARGET_CREDIT = 0.5

# Reasons: how many matching terms to show.
TERMS_IN_REASON = 3
