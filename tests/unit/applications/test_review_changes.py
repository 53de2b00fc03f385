"""The five changes the Fördermittelmanager's review of 2026-12-07 asked for, on the three
review situations and on small records: what a grant writer would otherwise send back."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from funding_matcher.domain.applications.applicant import Applicant, bank_code_problem
from funding_matcher.domain.applications.draft import DraftNotReady
from funding_matcher.domain.applications.fixed_blocks import cited_decisions
from funding_matcher.domain.applications.sentences import split_sentences
from funding_matcher.domain.applications.wording import with_article
from funding_matcher.domain.exports import export_markdown
from funding_matcher.domain.exports.document import open_checks
from funding_matcher.domain.german import format_eur

from .conftest import DETAILS, draft, load_case, plan, profile, programme, texts
from .test_situations import CASES, build, ready


def _euros(text: str) -> list[Decimal]:
    return [
        Decimal(m.replace(".", "").replace(",", "."))
        for m in re.findall(r"(\d{1,3}(?:\.\d{3})*,\d{2}) €", text)
    ]


def _finance(doc) -> str:
    return next(s.text for s in doc.sections if s.plan)


def _checks(doc) -> str:
    return "\n".join(c.text for c in doc.checks)


# -- 1. Never drop the applicant's description; lead with what the project is --------------


@pytest.mark.parametrize("case", sorted(CASES))
def test_no_sentence_of_the_description_is_lost(case):
    profile_, *_ = load_case(*CASES[case])
    _, _, _, doc = build(case)
    placed = "\n".join(s.text for s in doc.sections)
    for sentence, _bullet in split_sentences(profile_.description):
        # In a section of the draft, or named in the working version's list of unused sentences.
        assert sentence in placed or f"„{sentence}“" in _checks(doc), sentence


def test_the_sentence_that_says_what_the_project_is_leads():
    _, _, _, b = build("b")
    found = texts(b)
    lead = "Die AWO eröffnet in einem ehemaligen Ladenlokal einen Nachbarschaftstreff"
    # No summary section at Aktion Mensch: the sentence opens the section of its topic.
    assert found["Ziele, Maßnahmen und Beitrag zur Inklusion"].startswith(lead)
    _, _, _, c = build("c")
    # A summary section: the idea first, the money after it.
    idea = texts(c)["Projektidee und Anlass vor Ort"]
    assert idea.startswith("Im Hinterhof der Josephstraße 12 kochen")
    assert idea.index("lernen sich dabei kennen") < idea.index("4.560,00 €")


def test_a_description_that_only_describes_the_situation_leads_nothing():
    only_need = profile(description="Im Quartier fehlt seit Jahren ein offener Treffpunkt.")
    doc = draft(programme(["K", "L"], [["zusammenfassung"], ["ausgangslage"]]), only_need)
    assert not texts(doc)["K"].startswith("Im Quartier fehlt")
    assert "„Im Quartier fehlt seit Jahren ein offener Treffpunkt.“" in _checks(doc)


# -- 2. Warn when a topic of a section is unfilled; say where a repeated topic stands --------


def test_a_section_without_goals_is_flagged_in_the_working_version():
    _, _, _, c = build("c")
    assert (
        "Abschnitt „Ziele und Zielgruppe“: noch keine Angaben zu Ziele – bitte auf der "
        "Antragsseite ergänzen." in _checks(c)
    )
    # The einreichung is not refused for it: the section says something (contract § 3).
    build("c", "einreichung")


def test_a_second_section_of_the_same_topic_says_where_the_facts_stand():
    record = programme(
        ["Maßnahmen", "Maßnahmen zum Klimaschutz", "Finanzierung"],
        [["massnahmen"], ["massnahmen"], ["finanzierung"]],
    )
    doc = draft(record, profile(), report=plan(record))
    assert (
        "Abschnitt „Maßnahmen zum Klimaschutz“: Die Angaben zu Maßnahmen und Arbeitsplan stehen "
        "schon im Abschnitt „Maßnahmen“" in _checks(doc)
    )
    # One open point for the section: where its facts stand, not also a bare "ist leer".
    assert "Abschnitt „Maßnahmen zum Klimaschutz“ ist leer." not in _checks(doc)
    assert "Abschnitt „Maßnahmen zum Klimaschutz“ ist leer." not in [
        c.text for c in open_checks(doc)
    ]
    with pytest.raises(DraftNotReady) as caught:
        draft(record, profile(), report=plan(record), version="einreichung")
    assert caught.value.missing == [
        "Abschnitt „Maßnahmen zum Klimaschutz“ ist leer (Angaben zu: Maßnahmen und Arbeitsplan; "
        "sie stehen schon im Abschnitt „Maßnahmen“ – diesen Abschnitt bitte selbst schreiben)."
    ]


# -- 3. The finance paragraph adds up -------------------------------------------------------


def test_kommune_fordersatz_names_its_base_and_grant_plus_own_share_make_it():
    _, _, report, a = ready("a")
    text = _finance(a)
    f = report.figures
    base = format_eur(f.rate_base)
    assert (
        "70,00 % der zuwendungsfähigen Ausgaben abzüglich Einnahmen und Leistungen Dritter "
        f"({base})" in text
    )
    assert f"Zuwendung und Eigenanteil ergeben zusammen die Bemessungsgrundlage von {base}" in text
    assert f.grant + f.own_contribution == f.rate_base
    # The source of the own cash, not the table label "(bar)".
    assert "(bar)" not in text
    assert "Eigenmittel (Haushaltsmittel der Stadt) von 121.280,00 €" in text


def test_aktion_mensch_eigenanteil_counts_donations_and_adds_up():
    _, _, report, b = build("b", "einreichung")
    text = _finance(b)
    own = next(p for p in text.split("\n\n") if p.startswith("Als Eigenanteil zählen"))
    cash, donation, ineligible, contribution = _euros(own)
    assert cash + donation - ineligible == contribution == report.figures.own_contribution
    assert "Spenden (Spendenaktion Nordstadt) von 6.000,00 €" in own
    others = next(p for p in text.split("\n\n") if p.startswith("Weitere Finanzierung:"))
    assert "Spenden" not in others  # counted as Eigenanteil, so not "weitere" Finanzierung
    assert "Einnahmen: 3.600,00 €" in others


def test_under_nachrang_the_draft_says_why_the_rate_is_below_the_maximum():
    _, _, _, b = build("b", "einreichung")
    assert (
        "Der Fördersatz bleibt unter dem Höchstsatz von 90,00 %, denn die Förderung ist "
        "nachrangig gegenüber öffentlichen Mitteln" in _finance(b)
    )
    _, _, _, c = build("c", "einreichung")  # 95 % of 95 %: nothing to explain
    assert "Höchstsatz" not in _finance(c)


def test_the_profiles_own_funds_replaced_by_the_plan_are_named():
    _, _, _, c = build("c")
    assert (
        "Eigenmittel: im Projektprofil 400,00 €, im Kosten- und Finanzierungsplan 240,00 €"
        in _checks(c)
    )


# -- 4. The grantor's vocabulary and correct German ---------------------------------------


def test_aktion_mensch_prose_says_foerderung_the_plan_keeps_the_contracts_labels():
    """The tool's own sentences speak a foundation's words; the figures keep the labels the
    drafting contract (§ 4) prints for every grantor, so a figure is found under its name."""
    _, _, _, b = build("b", "einreichung")
    text = export_markdown(b)
    assert "Förderung" in text
    assert "Beantragte Zuwendung" in text  # the plan's label (§ 4)
    assert "der zuwendungsfähigen Ausgaben" in text  # the base in words (§ 4)
    _, _, _, a = ready("a")
    assert "Beantragte Zuwendung" in export_markdown(a)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("AWO Kreisverband Hildesheim-Alfeld e.V.", "Der AWO Kreisverband Hildesheim-Alfeld e.V."),
        (
            "Nachbarschaftsverein Leipzig-Lindenau e.V.",
            "Der Nachbarschaftsverein Leipzig-Lindenau e.V.",
        ),
        ("Stadt Gelsenkirchen", "Die Stadt Gelsenkirchen"),
        ("Lebenshilfe Hildesheim", "Die Lebenshilfe Hildesheim"),
        ("Familienzentrum Nord gGmbH", "Das Familienzentrum Nord gGmbH"),
        # An adjective that would change its ending, or no head noun: the name as it is.
        ("Diakonisches Werk Hamburg", "Diakonisches Werk Hamburg"),
        ("Nachbarn e. V.", "Nachbarn e. V."),
        ("Die Tafel e. V.", "Die Tafel e. V."),
    ],
)
def test_organisation_names_get_their_article(name, expected):
    assert with_article(name) == expected


def test_the_tools_sentences_use_the_article_and_name_the_project_not_the_programme():
    _, _, _, c = build("c", "einreichung")
    idea = texts(c)["Projektidee und Anlass vor Ort"]
    assert "Der Nachbarschaftsverein Leipzig-Lindenau e.V. beantragt" in idea
    assert "Das Vorhaben läuft vom 01.05.2027 bis zum 30.09.2027" in idea
    assert "Es läuft" not in idea
    # The count and the partners stand in the next sections; the summary does not repeat them.
    assert "40 Menschen" not in idea
    assert "Hausverwaltung" not in idea
    assert (
        "Die Laufzeit beträgt fünf Monate"
        in texts(c)["Maßnahmen und Zeitplan (höchstens elf Monate)"]
    )


# -- 5. Fixed blocks ready to submit -------------------------------------------------------


def test_the_date_is_the_plans_filing_date_not_the_day_the_record_was_made():
    _, _, report, a = ready("a")
    assert dict(a.cover)["Datum"] == f"{report.budget.applied_on:%d.%m.%Y}" == "20.09.2027"
    assert cited_decisions([texts(a)["Abgrenzung des Fördergebiets (Ratsbeschluss)"]]) == [
        date(2027, 3, 14)
    ]


def test_a_filing_date_before_the_council_decision_it_cites_is_not_printed():
    record = programme(["Lage", "Geld"], [["ausgangslage"], ["finanzierung"]])
    cited = profile(details=dict(DETAILS, need="Der Rat hat das Gebiet am 14.03.2027 festgelegt."))
    report = plan(record)  # applied_on 15.01.2027, two months before the decision
    submission = draft(record, cited, report=report, version="einreichung")
    assert "Datum" not in dict(submission.cover)
    working = draft(record, cited, report=report)
    assert dict(working.cover)["Datum"].startswith("____")
    assert "liegt vor dem Beschluss vom 14.03.2027" in _checks(working)


def test_one_signature_line_per_representative():
    _, _, _, c = build("c", "einreichung")
    lines = c.signature.split("\n")
    assert lines[0].startswith("Ort, Datum:")
    assert lines[1].startswith("Rechtsverbindliche Unterschrift Mira Beispiel (Vorsitzende):")
    assert lines[2].startswith("Rechtsverbindliche Unterschrift Karl Muster (Kassenwart):")
    # Whether a Kassenwart may sign is the Satzung's question: the working version asks it.
    assert "§ 26 BGB" in _checks(build("c")[3])


def test_attachments_are_named_as_the_documents_the_applicant_block_knows():
    _, _, _, c = build("c", "einreichung")
    titles = [item.title for item in c.checklist]
    assert "Freistellungsbescheid des Finanzamts Leipzig I vom 20.11.2024" in titles
    assert (
        "Auszug aus dem Vereinsregister (VR 5678, Amtsgericht Leipzig) mit dem aktuellen Vorstand"
        in titles
    )
    _, _, _, a = ready("a")
    documents = [i.title for i in a.checklist if i.kind == "document"]
    # The ISEK the application rests on is an attachment, not swallowed by this document.
    assert "Integriertes städtebauliches Entwicklungskonzept (ISEK)" in documents


def test_the_grantors_own_declarations_where_the_record_lists_them():
    _, _, _, b = build("b", "einreichung")
    declared = "\n".join(b.declarations)
    assert "keine Förderung einer anderen bundesweiten Soziallotterie" in declared
    assert (
        "Öffentliche Mittel, die für das Vorhaben in Betracht kommen, werden vorrangig" in declared
    )
    _, _, _, a = ready("a")
    assert "Soziallotterie" not in "\n".join(a.declarations)


def test_the_bank_code_must_fit_the_bank_named():
    # 37040044: fourth digit 4, a Commerzbank code, named as a Sparkasse.
    assert "gehört nicht zu Sparkassen" in bank_code_problem(
        "DE89 3704 0044 0532 0130 00", "Sparkasse Gelsenkirchen"
    )
    assert bank_code_problem("DE89 3704 0044 0532 0130 00", "Commerzbank Köln") is None
    assert bank_code_problem("DE89 3704 0044 0532 0130 00", "Bank für Sozialwirtschaft") is None
    _, _, _, a = ready("a")
    assert "Die Bankleitzahl in der IBAN (37040044) gehört nicht zu Sparkassen" in _checks(a)
    assert "Kreditinstitut" in Applicant(iban="DE89370400440532013000").missing()


def test_the_four_block_short_form_opens_with_the_project_and_summarises_once():
    record = programme([], None, short_form=True)
    doc = draft(record, profile(), report=plan(record), version="einreichung")
    (block,) = doc.sections
    assert block.text.startswith("Ein offener Treff mit Beratung, Sprachcafé und Ehrenamtsbörse")
    assert block.text.count("beantragt für das Vorhaben") == 1
