"""benchmarks/eval_matcher.py runs on a tiny case file, and its label readings do what they say."""

from __future__ import annotations

import json

from benchmarks import eval_matcher

CASE = {
    "id": "t1",
    "profile": {},
    "relevant": {"dach": 2, "allein": 1},
    "must_not": ["falsch"],
}


def test_a_parent_label_counts_once_for_its_best_ranked_child():
    parent_of = {"dach-a": "dach", "dach-b": "dach"}
    ranked = ["neu", "dach-b", "dach-a", "allein"]
    assert eval_matcher.parent_labels_to_children(ranked, CASE, parent_of) == [
        "neu",
        "dach",
        "dach-a",
        "allein",
    ]


def test_unjudged_new_records_are_those_neither_labelled_nor_known_before():
    ranked = ["neu", "falsch", "alt", "allein"]
    assert eval_matcher.unjudged_new(ranked, CASE, known={"alt", "allein"}) == ["neu"]


def test_post_hoc_judgements_add_relevant_records_only():
    judged = {"t1": {"neu": 1, "irrelevant": 0}}
    case = eval_matcher.with_judgements(CASE, judged)
    assert case["relevant"] == {"neu": 1, "dach": 2, "allein": 1}


def test_eval_matcher_runs_on_a_tiny_case_file(tmp_path, capsys):
    cases = json.loads(eval_matcher.OWN_CASES.read_text(encoding="utf-8"))[:2]
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(cases), encoding="utf-8")
    judgements = tmp_path / "judgements.json"
    judgements.write_text(json.dumps({"judgements": []}), encoding="utf-8")
    eval_matcher.main(["--cases", str(path), "--parent-labels", "--judgements", str(judgements)])
    out = capsys.readouterr().out
    assert "cases.json (2 cases)" in out
    assert "as labelled" in out
    assert "parent labels -> children" in out
    assert "with post-hoc judgements" in out
