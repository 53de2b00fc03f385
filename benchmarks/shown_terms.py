"""Every word that may ever be shown as a matching term ("Passende Begriffe"), for review.

Runs the reasons' word filter (funding_matcher/domain/matching/terms.py) over the title and text
of every dev case (../shared/eval/dev and the project's own cases) and every catalogue
record and prints the words it lets through, one per line, with their count.

    .venv/bin/python benchmarks/shown_terms.py [--cases FILE ...]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from eval_matcher import OWN_CASE_FILES, SHARED_CASES  # benchmarks/, beside this script

from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.domain.matching.terms import CaseCounts, shown_words
from funding_matcher.paths import PROJECT_ROOT

CASES = [SHARED_CASES, *OWN_CASE_FILES]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, nargs="*", default=CASES)
    args = parser.parse_args()
    programmes = load_catalogue(PROJECT_ROOT / "programs").programmes
    counts = CaseCounts.of(f"{p.summary} {p.description}" for p in programmes)
    texts = [f"{p.title}. {p.summary} {p.description}" for p in programmes]
    for path in args.cases:
        if path.exists():
            for case in json.loads(path.read_text(encoding="utf-8")):
                texts.append(f"{case['profile']['title']}. {case['profile']['description']}")
    shown = sorted({word for text in texts for word in shown_words(text, counts)})
    print(f"{len(shown)} Begriffe aus {len(texts)} Texten")
    print("\n".join(shown))


if __name__ == "__main__":
    main()
