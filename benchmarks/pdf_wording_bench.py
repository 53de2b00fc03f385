"""PDF import on guidelines of many funders: recall and wrong proposals per funder kind.

Each entry of ``tests/unit/pdf_import/wordings/guidelines.yaml`` (or another set file of the
same form, e.g. ``holdout.yaml``) is built into a PDF and imported the way a user's upload is:
in the sandbox, page by page. The script prints, per funder kind (Bund, Land, Kommune, EU,
Stiftung, Lotterie):

- facts: the hand-checked facts; found: proposed as a value to accept, on the fact's page;
  hint: proposed only as a "Hinweis"; missed: not proposed at all;
- proposals: everything proposed (values and hints); wrong: values to accept that contradict
  the text (the figure the issue caps at 5 % of all proposals); wrong hints: hints that do.

    .venv/bin/python benchmarks/pdf_wording_bench.py [--set FILE] [--tiny] [--show]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections import defaultdict
from pathlib import Path

from funding_matcher.domain.pdf_import import import_guideline

ROOT = Path(__file__).resolve().parents[1]
TARGET_WRONG_SHARE = 0.05


def run(set_file: Path, tiny: bool, show: bool) -> dict[str, int]:
    """Import every entry, print the table, return the totals."""
    sys.path.insert(0, str(ROOT))
    from tests.unit.pdf_import.wording_set import KINDS, build_pdf, load_set, score

    entries = load_set(set_file)
    if tiny:  # one entry per funder kind
        entries = list({entry.kind: entry for entry in reversed(entries)}.values())[::-1]
    by_kind: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    started = time.perf_counter()
    for entry in entries:
        result = import_guideline(build_pdf(entry), name=f"{entry.id}.pdf")
        outcome = score(entry, result)
        row = by_kind[entry.kind]
        row["entries"] += 1
        row["facts"] += len(entry.facts)
        row["found"] += len(outcome.found)
        row["hint"] += len(outcome.hinted)
        row["missed"] += len(outcome.missed)
        row["proposals"] += outcome.proposals
        row["confident"] += outcome.confident
        row["wrong"] += len(outcome.wrong)
        row["wrong_hints"] += len(outcome.wrong_hints)
        if show and (outcome.missed or outcome.hinted or outcome.wrong):
            print(f"  {entry.id}: missed {outcome.missed} hint {outcome.hinted}")
            for proposal in outcome.wrong:
                print(
                    f"    wrong {proposal.field}={proposal.value} p{proposal.page}: "
                    f"{proposal.quote[:100]}"
                )
    seconds = time.perf_counter() - started
    header = (
        "kind",
        "entries",
        "facts",
        "found",
        "hint",
        "missed",
        "recall",
        "proposals",
        "wrong",
        "wrong %",
        "wrong hints",
    )
    print(f"{len(entries)} guidelines from {set_file.name}, imported in {seconds:.1f} s\n")
    print("  ".join(f"{name:>9}" for name in header))
    total: dict[str, int] = defaultdict(int)
    for kind in [*KINDS, *sorted(set(by_kind) - set(KINDS))]:
        if kind in by_kind:
            row = by_kind[kind]
            for key, value in row.items():
                total[key] += value
            print(_line(kind, row))
    print(_line("all", total))
    share = total["wrong"] / total["proposals"] if total["proposals"] else 0.0
    verdict = "ok" if share < TARGET_WRONG_SHARE else "above target"
    print(
        f"\nwrong confident proposals: {total['wrong']} of {total['proposals']} proposals "
        f"({share:.1%}; target below {TARGET_WRONG_SHARE:.0%}: {verdict})"
    )
    return dict(total)


def _line(kind: str, row: dict[str, int]) -> str:
    recall = row["found"] / row["facts"] if row["facts"] else 1.0
    wrong = row["wrong"] / row["proposals"] if row["proposals"] else 0.0
    cells = (
        kind,
        row["entries"],
        row["facts"],
        row["found"],
        row["hint"],
        row["missed"],
        f"{recall:.0%}",
        row["proposals"],
        row["wrong"],
        f"{wrong:.1%}",
        row["wrong_hints"],
    )
    return "  ".join(f"{cell:>9}" for cell in cells)


def main(argv: list[str] | None = None) -> dict[str, int]:
    """Parse the options and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--set",
        type=Path,
        default=ROOT / "tests" / "unit" / "pdf_import" / "wordings" / "guidelines.yaml",
        help="set file (default: the wording test set)",
    )
    parser.add_argument("--tiny", action="store_true", help="one guideline per funder kind")
    parser.add_argument("--show", action="store_true", help="list misses and wrong proposals")
    args = parser.parse_args(argv)
    return run(args.set, args.tiny, args.show)


if __name__ == "__main__":
    if importlib.util.find_spec("funding_matcher") is None:
        sys.exit("run from the project root with the project's virtualenv")
    main()
