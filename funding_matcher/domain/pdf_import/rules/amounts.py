"""Minimum and maximum amount of the grant, found in sentences.

A maximum next to "Zuwendung" or "Förderhöchstbetrag" beats a turnover threshold; a cap for one
device, person or plot, a limit of the project's costs, a programme's whole budget, a loan and
an amount in a sentence about another case are no maximum of the grant (or only a hint).
"""

from __future__ import annotations

import re

from funding_matcher.domain.pdf_import.clauses import (
    EXAMPLE,
    EXAMPLE_DOUBT,
    clause_around,
    comma_part_bounds,
    within,
    words_before,
)
from funding_matcher.domain.pdf_import.evidence import candidate, kept, section_bonus
from funding_matcher.domain.pdf_import.german import AMOUNT, amount_value
from funding_matcher.domain.pdf_import.results import Proposal
from funding_matcher.domain.pdf_import.rules.money import LOAN_DOUBT, LOAN_NEAR
from funding_matcher.domain.pdf_import.sentences import Sentence

_I = re.IGNORECASE

GRANT = re.compile(
    r"Zuwendung|Zuschuss|Zuschüsse|Förderung|Förderbetrag|Fördersumme|Förderzuschuss|"
    r"Fördermittel|Förderhöchstbetrag|gefördert|bezuschusst|Bonus|Zuwendungshöhe|Förderwert|"
    r"ausgezahlt|Förderhöhe|Zuschusshöchstbetrag|Prämie|Förderhöchstgrenze|Pauschalbetrag|"
    r"Festbetrag|Projektzuschuss|unterstützt|Förderhöchstgrenze|Unterstützung|Kofinanzierung|"
    r"EFRE-Mittel|EU-Mittel|ESF-Mittel|Bauförderung|Bagatellgrenze|Mindestförder\w*|"
    r"Mindestzuschuss|Mindestzuwendung|Mindestantragssumme",
    _I,
)

MAX_BEFORE = re.compile(
    r"(?:\b(?:bis zu|maximal|höchstens|\w*[Hh]öchstbetrag\w*|\w*[Hh]öchstgrenze\w*|Obergrenze|"
    r"nicht mehr als|gedeckelt auf|Deckelung|Maximalbetrag|maximale\w*|insgesamt bis|bis)\b|"
    r"\bmax\.)[^.]{0,55}$",
    _I,
)

# A cap on the whole grant, not on one item: worth more than "maximal 500 Euro je Baum".
GLOBAL_CAP = re.compile(
    r"Förderhöchstbetrag|Höchstbetrag der (?:Förderung|Zuwendung)|Zuschusshöchstbetrag|"
    r"Höchstförderbetrag|Förderhöchstgrenze|maximal mögliche\w* Förder\w*|"
    r"Maximalbetrag pro Antragsteller|je Antrag|pro Antrag|pro Vorhaben|je Vorhaben|"
    r"pro Projekt|je Projekt|pro Haushalt|je Haushalt|Zuwendungshöhe|pro Unternehmen|"
    r"je Unternehmen|pro Jahr und Antrag|pro \w*projekt|je \w*projekt",
    _I,
)

MAX_AFTER = re.compile(
    r"^[^.]{0,25}(?:begrenzt|gedeckelt|nicht überschreiten|nicht übersteigen)", _I
)

MIN_BEFORE = re.compile(
    r"\b(?:mindestens|Mindest\w*|Bagatellgrenze\w*|nicht unter|Untergrenze|ab einer\w*)\b"
    r"[^.]{0,40}$",
    _I,
)

# "unter 250 Euro" names a minimum only with what happens below it ("werden nicht bewilligt").
UNDER_BEFORE = re.compile(r"\b(?:unter|weniger als)\s*$", _I)

# A statement of what would be, not of the rules: "… hätten keine Aussicht auf Förderung".
CONDITION = re.compile(r"\b(?:wenn|falls|sofern|soweit)\b", _I)
IRREALIS = re.compile(r"\bhätten\b|\bwürden\b|keine Aussicht|ansonsten", _I)

RANGE_TO = re.compile(r"^\s*(?:bis|–|-)\s*(?:zu\s+|maximal\s+|höchstens\s+)?", _I)

MIN_AFTER = re.compile(
    r"^[^.]{0,40}(?:nicht bewilligt|nicht gewährt|nicht gefördert|erreichen|nicht förderfähig)",
    _I,
)

NOT_A_GRANT = re.compile(
    r"Umsatz|Bilanzsumme|Einkommen|Gehalt|Kredit|Darlehen|Einzelbeihilfe|Beihilfen über|"
    r"Transparenz|De-minimis|Schwellenwert|Anmeldeschwelle|Auftragswert|Vergabe|Bürgschaft|"
    r"Mitarbeiter|Beschäftigte|Bargeld|Zinsen|Geldbuße|Steuer|Finanzbehörde|Kapital|"
    r"Eigenanteile aus|Gruppenumsatz|Beihilfebetrag|Subventionswert|"
    r"Eigenanteil|Eigenmittel|Budget|zur Verfügung|Haushaltsmittel|Haushaltsansatz|"
    r"Fördervolumen|Gesamtvolumen|Projektvolumen|Stiftungskapital|insgesamt rund|"
    r"ausgeschüttet|Mittel in Höhe|Millionen Euro für|bewilligt wurden|beantragt",
    _I,
)

LOAN = re.compile(r"\W*(?:Kredit|Darlehen)\w*", _I)

# The cost of the project, not the grant: "Gesamtkosten unter 20.000 Euro".
ELIGIBLE_COSTS = re.compile(
    r"zuwendungsfähig|förderfähig|beihilfefähig|Investitionsvolumen|Investitionssumme|"
    r"Mindestinvestition|Kosten|Ausgaben|Gesamtvolumen|Projektvolumen",
    _I,
)

UNIT_AFTER = re.compile(
    r"^\s*(?:netto\s*|brutto\s*)?(?:pro|je|/)\s*(?:kWp|kWh|kW|m2|m²|qm|Quadratmeter|gedämmt|Baum|"
    r"Pumpe|Stück|Beratertag|Stunde|Tag|Meter|lfd|Wohneinheit|Person|Kilowatt|Platz|Teilnehm|"
    r"\w*fläche|sanierte|\d+\s?Watt|Watt)",
    _I,
)

# A cap for one item of several: per device, per person, per plot; not the whole grant.
ITEM_CAP = re.compile(
    r"^[^.;]{0,30}?\b(?:pro|je|für jede[nrs]?|für ein(?:e[nrs]?)?|/)\s*(?:\w+\s){0,2}?"
    r"(?:Gerät\w*|Geräte|Person\w*|Teilnehm\w*|Stück|"
    r"Grundstück\w*|Baum|Bäume|Fahrzeug\w*|Rad|Lastenrad|Lastenräder|Wallbox\w*|Ladepunkt\w*|"
    r"Wohnung\w*|Wohneinheit\w*|Kind\w*|Tag|Stunde|Veranstaltung\w*|Einzelmaßnahme\w*|Modul\w*|"
    r"Speicher\w*|Pumpe\w*|Heizung\w*|Fenster|Quadratmeter|m²|m2)\b",
    _I,
)

ITEM_DOUBT = "Obergrenze für ein einzelnes Teil (je Gerät, Person o. Ä.), nicht für die Zuwendung"

COST_DOUBT = "Grenze der Projektkosten, nicht der Zuwendung"


def propose_amounts(sentences: list[Sentence]) -> list[Proposal]:
    """Candidates for ``amount_max_eur`` and ``amount_min_eur``."""
    found = []
    for sentence in sentences:
        text = sentence.text
        if "Euro" not in text and "EUR" not in text and "€" not in text:
            continue  # cheap test first: most sentences name no amount
        amounts = list(AMOUNT.finditer(text))
        not_grant = [m.span() for m in NOT_A_GRANT.finditer(text)]
        for index, match in enumerate(amounts):
            value = amount_value(match)
            if value is None or value <= 0:
                continue
            before, after = text[max(0, match.start() - 60) : match.start()], text[match.end() :]
            if UNIT_AFTER.match(after):
                continue  # "120 Euro pro kWp" is a unit rate (Festbetrag), not a cap
            clause = clause_around(text, match.start(), match.end())
            # "mit 2.000 Euro bis maximal 10.000 Euro": the first of a range is the minimum
            opens_range = index + 1 < len(amounts) and RANGE_TO.match(
                text[match.end() : amounts[index + 1].start()]
            )
            is_max = bool(MAX_BEFORE.search(before) or MAX_AFTER.match(after))
            is_min = bool(
                MIN_BEFORE.search(before)
                or MIN_AFTER.match(after)
                or (UNDER_BEFORE.search(before) and MIN_AFTER.match(after))
            )
            if opens_range and not is_min:
                is_max, is_min = False, True
            if is_max == is_min:
                continue
            score = 3.0
            score += 2.0 if GRANT.search(clause) or _after_rate(text, match.start()) else 0.0
            # what the amount is (its own comma part and all before it): the words after a
            # comma belong to the next amount ("16.000 € Fördersumme, 4.000 € Eigenanteil")
            # what the amount is: its own comma part ("16.000 € Fördersumme, 4.000 €
            # Eigenanteil": the words after the comma belong to the next amount)
            part = comma_part_bounds(text, match.start(), match.end(), brackets=False)
            score -= 4.0 if within(not_grant, *part) else 0.0
            score -= 4.0 if LOAN.match(text) or LOAN.search(sentence.heading) else 0.0
            score += 2.0 if is_max and GLOBAL_CAP.search(clause) else 0.0
            doubt = LOAN_DOUBT if LOAN_NEAR.search(clause) else None
            costs_before = ELIGIBLE_COSTS.search(words_before(text, match.start()))
            costs_after = re.match(r"^\s*\([^)]*(?:Kosten|Ausgaben|Volumen)", after, _I)
            granted = _grant_named(text, match.start()) or _after_rate(text, match.start())
            granted = granted or bool(re.match(r"^[^,;.]{0,40}\bgefördert\b", after))
            if (costs_before and not granted) or costs_after:
                score -= 2.0
                doubt = COST_DOUBT
            if is_max and ITEM_CAP.match(after) and not GLOBAL_CAP.search(after[:40]):
                doubt = ITEM_DOUBT
            if CONDITION.search(text[part[0] : match.start()]):
                doubt = doubt or "Betrag in einer Bedingung (wenn …), keine Grenze der Zuwendung"
            if IRREALIS.search(text):
                doubt = doubt or "Satz über einen anderen Fall, nicht über diese Förderung"
            if EXAMPLE.match(text):
                doubt = doubt or EXAMPLE_DOUBT
            score += section_bonus(sentence, "amount")
            if kept(score, sentence, 3.0):
                name = "amount_max_eur" if is_max else "amount_min_eur"
                found.append(
                    candidate(name, value, sentence, match.start(), match.end(), score, doubt)
                )
    return found


def _after_rate(text: str, start: int) -> bool:
    """ "50 % des förderfähigen Honorars, maximal 650 Euro": a cap on a rate's grant."""
    before = text[max(0, start - 90) : start]
    return bool(re.search(r"\d\s?(?:%|Prozent)\s(?:der|des)\b[^;.]{0,60}$", before, _I))


def _grant_named(text: str, start: int) -> bool:
    """Whether the words right before an amount name the grant ("Zuschuss von max. …")."""
    return bool(GRANT.search(text[max(0, start - 35) : start]))
