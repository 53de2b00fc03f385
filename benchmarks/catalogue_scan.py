"""Candidates for two kinds of catalogue data error, for a person to check against sources.

1. A record without ``parent`` whose slug starts with the slug of a family parent: its siblings
   (same slug prefix) name that parent, it does not.
2. ``applicant_types`` narrower than the record's own text: a sentence of the description that
   says who may apply names an applicant kind whose code is neither in ``applicant_types`` nor in
   ``access_via``.

The word lists are a heuristic (negations, "über den Verband" and the like are not understood);
every hit is a question, not a finding. Nothing is changed.

    .venv/bin/python benchmarks/catalogue_scan.py
"""

from __future__ import annotations

import re

from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.paths import PROJECT_ROOT

# Sentences that say who may apply.
WHO_MAY_APPLY = re.compile(
    r"antragsberechtigt|Antragsberechtigt|Zuwendungsempfänger|können sich bewerben|"
    r"bewerben können|Anträge stellen können|richtet sich an|Gefördert werden (?:nur )?[A-ZÄÖÜ]"
)
# Applicant kind named in such a sentence -> taxonomy code.
KIND_WORDS: dict[str, re.Pattern[str]] = {
    "kirchengemeinde": re.compile(
        r"Kirchengemeinde|Kirchen\b|kirchliche|Körperschaften des öffentlichen Rechts|"
        r"Religionsgemeinschaft"
    ),
    "kommune": re.compile(
        r"Kommunen|(?<!jüdische )Gemeinden\b|Städte\b|Landkreise|Gebietskörperschaft"
    ),
    "verein": re.compile(r"Vereine\b|eingetragene Verein|Initiativen"),
    "freier_traeger": re.compile(r"gGmbH|freie Träger|freien Träger|Wohlfahrtsverb|Stiftungen"),
    # Not "Unternehmen mit kommunaler Mehrheit" and the like: that is kommunales_unternehmen.
    "unternehmen": re.compile(
        r"(?<!kommunale )Unternehmen\b(?! mit mindestens| mit kommunaler| in ausschließlich)|"
        r"Firmen|Gewerbetreibende|KMU"
    ),
    "privatperson": re.compile(r"Privatpersonen|natürliche Personen|Eigentümerinnen|Eigentümer\b"),
    "wohnungsunternehmen": re.compile(r"Wohnungsunternehmen|Wohnungsgenossenschaft"),
    "bildungseinrichtung": re.compile(r"Schulen\b|Hochschulen|Bildungsträger|Bildungseinrichtung"),
}
# A sentence that excludes rather than admits.
EXCLUDES = re.compile(
    r"ausgeschlossen|ausgenommen|außerhalb der Gemeinden|nicht antragsberechtigt|nicht gefördert|"
    r"keine Förderung|nicht Kommunen"
)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.;!?])\s+", " ".join(text.split())) if s.strip()]


def _orphans(programmes: list) -> list[str]:
    by_slug = {p.slug: p for p in programmes}
    parents = {p.parent for p in programmes if p.parent}
    lines = []
    for p in programmes:
        if p.parent or p.slug in parents:
            continue
        tokens = p.slug.split("-")
        for cut in range(len(tokens) - 1, 0, -1):
            prefix = "-".join(tokens[:cut])
            if prefix in parents and prefix in by_slug:
                siblings = sorted(q.slug for q in programmes if q.parent == prefix)
                lines.append(f"{p.slug}: no parent; {prefix} is parent of {', '.join(siblings)}")
                break
    return lines


def _narrow(programmes: list) -> list[str]:
    lines = []
    for p in programmes:
        covered = set(p.applicant_types)
        for route in p.access_via:
            covered.update(route.applicant_types)
        for sentence in _sentences(p.description):
            if not WHO_MAY_APPLY.search(sentence) or EXCLUDES.search(sentence):
                continue
            missing = sorted(
                code
                for code, words in KIND_WORDS.items()
                if code not in covered and words.search(sentence)
            )
            if missing:
                lines.append(f"{p.slug} [{p.status}]: {', '.join(missing)} -- {sentence[:220]}")
    return lines


def main() -> None:
    programmes = [
        p for p in load_catalogue(PROJECT_ROOT / "programs").programmes if p.status != "draft"
    ]
    orphans = _orphans(programmes)
    print(f"Children without their family's parent: {len(orphans)}")
    for line in orphans:
        print("  " + line)
    narrow = _narrow(programmes)
    print(f"Applicant types narrower than the description: {len(narrow)}")
    for line in narrow:
        print("  " + line)


if __name__ == "__main__":
    main()
