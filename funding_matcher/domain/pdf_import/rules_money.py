"""Funding rate, minimum and maximum amount, and the Finanzierungsart, found in sentences.

Each rule decides by the words around the number: a rate next to "Förderquote" or
"förderfähigen Kosten" in the section "Art, Umfang und Höhe der Zuwendung" beats a percentage
of emission savings in the preamble; a maximum next to "Zuwendung" beats a turnover threshold.
A bonus ("+10 %", "erhöht sich um 10 %-Punkte"), the applicant's own share, the share of public
money that triggers the Besserstellungsverbot and a cap per device or per person are not the
grant's rate or maximum.
"""

from __future__ import annotations

import re
from decimal import Decimal

from funding_matcher.domain.pdf_import.evidence import candidate, kept, section_bonus
from funding_matcher.domain.pdf_import.german import AMOUNT, PERCENT, amount_value, parse_number
from funding_matcher.domain.pdf_import.results import Proposal
from funding_matcher.domain.pdf_import.sentences import Sentence

_I = re.IGNORECASE
RATE_CUES = re.compile(
    r"Förderquote|Fördersatz|Fördersätze|Förderhöhe|Zuschuss|Zuwendung|Förderung|gefördert|"
    r"bezuschusst|Beihilfeintensität|Grundförderung|Fördermittel|Fördersumme|übernimmt|"
    r"finanziert|erstattet|Unterstützung",
    _I,
)
RATE_STRONG = re.compile(
    r"Förderquote|Fördersatz|Fördersätze|Fördersatzes|Beihilfeintensität|Basisfördersatz|"
    r"(?:Förderung|Zuschuss|Zuwendung|Förderhöhe|Fördersumme)\s(?:\w+\s){0,6}beträgt|"
    r"gefördert mit|bezuschusst|Zuschuss in Höhe von|Zuschuss von|Zuschüsse von|Grundförderung|"
    r"Höhe der (?:Unterstützung|Förderung|Zuwendung)|"
    r"anteilig (?:finanziert|gefördert)|übernimmt .{0,30}bis zu|mit einem Zuschuss",
    _I,
)
COST_AFTER = re.compile(
    r"^\s*(?:der|des|aller|von den|vom)?\s*(?:\w+\s)?(?:zuwendungsfähig|förderfähig|beihilfefähig|"
    r"anerkennungsfähig|Kosten|Ausgaben|Investition|Gesamtkosten|Nettokosten|Gesamtausgaben|"
    r"Nettoinvestition|Beratungskosten|Beratungshonorar|Anschaffung|Gesamtprojektkosten|"
    r"Projektkosten)",
    _I,
)
COST_BEFORE = re.compile(r"(?:zuwendungs|förder|beihilfe)fähigen\b.{0,120}$", _I)
FUNDED_AFTER = re.compile(
    r"^\s*(?:anteilig\s+)?(?:finanziert|gefördert|bezuschusst|erstattet|übernommen)", _I
)
LIMIT_BEFORE = re.compile(r"(?:bis zu|maximal|höchstens|max\.|bis|Obergrenze von)\s*$", _I)
# A supplement on top of a rate: "+10 %", "um 10 %", "zuzüglich 5 %", "10 %-Punkte".
BONUS_BEFORE = re.compile(
    r"(?:\+|\bum|zuzüglich|zzgl\.|zusätzlich(?:e[nrs]?)?|weitere[nr]?|Bonus von|Zuschlag von|"
    r"Aufschlag von|erhöhen? sich (?:jeweils )?um|reduzier\w* sich (?:jeweils )?um)\s*$",
    _I,
)
BONUS_AFTER = re.compile(r"^\s?(?:-?Punkt|Prozentpunkt|%-Punkt|Punkte)", _I)
BONUS_NEAR = re.compile(r"\b(?:\w*[Bb]onus|Zuschlag|Aufschlag)\b", _I)
# A threshold ("mehr als 50 %"), not a rate of the grant.
THRESHOLD_BEFORE = re.compile(r"(?:mehr als|über|weniger als|unter|mindestens|wenigstens)\s*$", _I)
OWN_SHARE = re.compile(
    r"Eigenmittel|Eigenanteil|Eigenbeteiligung|Eigenleistung|Eigen- (?:und|oder)|Drittmittel|"
    r"vom Antragsteller zu tragen|selbst zu tragen|selbst aufzubringen|Eigenmitteln",
    _I,
)
# The Besserstellungsverbot: public money making up more than half of all spending.
BESSERSTELLUNG = re.compile(
    r"Besserstellung|Gesamtausgaben (?:\w+ ){0,4}(?:überwiegend|zu mehr als)|"
    r"aus Zuwendungen der öffentlichen Hand|öffentlichen Hand bestreiten",
    _I,
)
NOT_A_RATE = re.compile(
    r"Beteiligung|beteiligt|Anteilsbesitz|Anteile|Personenmonate|Emission|Einsparung|Reduktion|"
    r"reduzier|Wohnfläche|Zins|Beschäftigte|Umsatz|Kapazität|Dominanz|Aufträge|Gesamtleistung|"
    r"Strom aus|Energiebedarf|Endenergie|Stimmrecht|Treibhaus|verringert|gesenkt|Wohnzweck|"
    r"Mitarbeiter|Auslastung|Verzinsung|Skonto|Rabatt|Mehrwertsteuer|Umsatzsteuer|Abschreibung|"
    r"Dauerarbeitsplätze|Arbeitsplatz|Ausbildungsquote|Einkommen|Kredit|Darlehen|Tilgung|"
    r"Bewertungskriteri|Gewichtung|Anteil der Forschungseinrichtung|Gemeinkosten|Pauschale|"
    r"abgegolten|Personaleinzelkosten|der Personalkosten|übrigen? (?:\w+ )?Kosten|"
    r"Verwaltungskosten|Kumulierung|kumuliert|Teilnehmenden|Frauen|Quote der|"
    r"geförderten Projekte|Anteil der",
    _I,
)
GRANT = re.compile(
    r"Zuwendung|Zuschuss|Zuschüsse|Förderung|Förderbetrag|Fördersumme|Förderzuschuss|"
    r"Fördermittel|Förderhöchstbetrag|gefördert|bezuschusst|Bonus|Zuwendungshöhe|Förderwert|"
    r"ausgezahlt|Förderhöhe|Zuschusshöchstbetrag|Prämie|Förderhöchstgrenze|Pauschalbetrag|"
    r"Festbetrag|Projektzuschuss|unterstützt|Förderhöchstgrenze|Unterstützung",
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
    r"je Unternehmen|pro Jahr und Antrag",
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
    r"Eigenanteile aus|Gruppenumsatz|Beihilfebetrag|Subventionswert|300\.000 EUR|"
    r"Eigenanteil|Eigenmittel|Budget|zur Verfügung|Haushaltsmittel|Haushaltsansatz|"
    r"Fördervolumen|Gesamtvolumen|Projektvolumen|Stiftungskapital|insgesamt rund|"
    r"ausgeschüttet|Mittel in Höhe|Millionen Euro für|bewilligt wurden|beantragt",
    _I,
)
LOAN = re.compile(r"\W*(?:Kredit|Darlehen)\w*", _I)
LOAN_NEAR = re.compile(r"\b(?:Kredit|Darlehen)\w*", _I)
LOAN_DOUBT = "Betrag eines Kredits oder Darlehens, kein Zuschuss"
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

FINANCING = (
    ("anteil", re.compile(r"Anteil(?:s)?finanzierung|anteilig (?:finanziert|gefördert)", _I), 4.0),
    ("fehlbedarf", re.compile(r"Fehlbedarfsfinanzierung|Fehlbetragsfinanzierung", _I), 4.0),
    ("festbetrag", re.compile(r"Festbetragsfinanzierung|Festbetr[aä]g", _I), 4.0),
    ("voll", re.compile(r"Vollfinanzierung|\b100\s?%-Förderung|zu 100 % finanziert", _I), 4.0),
    (
        "festbetrag",
        re.compile(
            r"(?:Pauschalbetr[aä]g\w*|Festbetr[aä]g\w*|Pauschale|Projektzuschuss) "
            r"(?:in Höhe )?von (?:jeweils )?(?:€\s?)?\d",
            _I,
        ),
        3.5,
    ),
    (
        "festbetrag",
        re.compile(
            r"\bpauschal|Pauschalbetr[aä]g|Pauschale[nr]? (?:von|in Höhe)|"
            r"(?:Euro|€)\s?(?:pro|je|/)\s?(?:kWp|m2|m²)",
            _I,
        ),
        1.0,
    ),
    (
        "anteil",
        re.compile(
            r"(?<![\d,.])(?!100\b)\d{1,2}(?:,\d+)?\s?(?:%|Prozent) der (?:\w+ )?"
            r"(?:zuwendungs|förder|beihilfe)fähigen",
            _I,
        ),
        1.0,
    ),
    (
        "voll",
        re.compile(r"\b100\s?(?:%|Prozent) der (?:\w+ )?(?:zuwendungs|förder)fähigen", _I),
        1.0,
    ),
)
# Every FINANCING pattern needs one of these (lower case).
FINANCING_WORDS = ("finanzier", "festbetr", "pauschal", "%", "prozent", "€", "euro", "zuschuss")
NEGATED = re.compile(r"\b(?:nicht|kein\w*)\s+(?:\w+\s+){0,2}$", _I)
ITEM_DOUBT = "Obergrenze für ein einzelnes Teil (je Gerät, Person o. Ä.), nicht für die Zuwendung"
COST_DOUBT = "Grenze der Projektkosten, nicht der Zuwendung"
RATE_THRESHOLD_DOUBT = "Anteil in einer Bedingung, keine Förderquote"


# A rate noun or verb right before the number: "Fördersatz von grundsätzlich 90 %".
RATE_NEAR = re.compile(
    r"(?:Förderquote|Fördersatz|Beihilfeintensität|Zuschuss|Zuwendung|Förderung|Fördersumme|"
    r"beträgt|betragen|übernimmt|gefördert|in Höhe von|Höhe:)\W*(?:\w+\W+){0,4}$",
    _I,
)
ANAPHORA = re.compile(r"^(?:Diese[rs]?|Sie|Er|Der Betrag|Die Höhe)\b")
RATE_CONDITION = re.compile(r"für (?:alle )?Anträge,? die", _I)
RATE_CONDITION_DOUBT = "Förderquote nur unter einer Bedingung"


def propose_rates(sentences: list[Sentence]) -> list[Proposal]:
    """Candidates for ``funding_rate_max_percent``."""
    found = []
    for sentence in sentences:
        text = sentence.text
        if (
            "%" not in text
            and "Prozent" not in text
            and "v. H" not in text
            and "Hundert" not in text
        ):
            continue  # cheap test first: most sentences have no percentage
        matches = [
            m
            for m in PERCENT.finditer(text)
            if _percent(m) is not None
            and not _is_supplement(text, m)
            and not _is_share_of_spending(text, m)
        ]
        if not matches:
            continue
        cues = " ".join((text, sentence.lead, sentence.context if ANAPHORA.match(text) else ""))
        cue_points = 1.0 if RATE_CUES.search(cues) else 0.0
        cue_points += (
            2.0 if RATE_STRONG.search(cues) or RATE_STRONG.search(sentence.heading) else 0.0
        )
        not_rate = [m.span() for m in NOT_A_RATE.finditer(text)]
        points = {m.start(): _rate_points(text, m, sentence.lead) for m in matches}
        # Rates listed side by side ("… bis 40 % der Nettokosten, gemeinwohlorientierte
        # Vorhaben 60 %") share what the best-described one says of itself.
        shared = max(points.values()) - 0.5
        largest = max(_percent(m) or 0 for m in matches)
        for match in matches:
            value = _percent(match)
            if value is None:
                continue
            before = text[max(0, match.start() - 60) : match.start()]
            near = (max(0, match.start() - 80), match.end() + 60)
            score = 1.0 + max(points[match.start()], shared) + cue_points
            score += 0.5 if value == largest and len(matches) > 1 else 0.0
            score -= 4.0 if _within(not_rate, *near) else 0.0
            doubt = None
            if LOAN_NEAR.search(_local(text, match.start(), match.end()) + before[-40:]):
                doubt = LOAN_DOUBT
            elif THRESHOLD_BEFORE.search(before):
                score -= 2.0
                doubt = RATE_THRESHOLD_DOUBT
            elif RATE_CONDITION.search(text[: match.start()]):
                doubt = RATE_CONDITION_DOUBT
            score += section_bonus(sentence, "amount")
            if kept(score, sentence, 3.0):
                found.append(
                    candidate(
                        "funding_rate_max_percent",
                        value,
                        sentence,
                        match.start(),
                        match.end(),
                        score,
                        doubt,
                    )
                )
    return found


def _within(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether one of a pattern's matches in a sentence lies inside ``start:end``."""
    return any(start <= s and e <= end for s, e in spans)


def _rate_points(text: str, match: re.Match[str], lead: str = "") -> float:
    """What the words right around one percentage say: a share of the costs, a limit; a rate
    at the start of a list item is read with the sentence that introduces the list."""
    before = (lead + " " + text[: match.start()])[-60:]
    after = text[match.end() :]
    cost = COST_AFTER.match(after) or (
        FUNDED_AFTER.match(after) and COST_BEFORE.search(text[: match.start()])
    )
    points = 1.5 if cost else 1.0 if FUNDED_AFTER.match(after) else 0.0
    points += 1.0 if LIMIT_BEFORE.search(before) else 0.0
    points += 1.5 if RATE_NEAR.search(before[-45:]) else 0.0
    return points


def _is_supplement(text: str, match: re.Match[str]) -> bool:
    """A bonus or surcharge on top of a rate ("+10 %", "um 10 %-Punkte", "KMU-Bonus 10 %")."""
    before = text[max(0, match.start() - 40) : match.start()]
    after = text[match.end() : match.end() + 20]
    if BONUS_BEFORE.search(before) or BONUS_AFTER.match(after):
        return True
    close = text[max(0, match.start() - 25) : match.start()]
    return bool(BONUS_NEAR.search(close)) and not RATE_STRONG.search(close)


def _is_share_of_spending(text: str, match: re.Match[str]) -> bool:
    """The applicant's own share or the Besserstellungsverbot's public share: no rate.

    An own-share word counts for the number it stands next to: "Eigenanteil von 20 %",
    "20 % sind vom Antragsteller zu tragen", but not for the 80 % in "Fördersatz von
    80 Prozent und einem Eigenanteil von 20 Prozent".
    """
    local = _local(text, match.start(), match.end())
    if BESSERSTELLUNG.search(local):
        return True
    if OWN_SHARE.search(text[max(0, match.start() - 30) : match.start()]):
        return True
    after = local[local.find(match.group(0)) + len(match.group(0)) :][:60]
    own = OWN_SHARE.search(after)
    return own is not None and PERCENT.search(after[own.end() : own.end() + 25]) is None


def _local(text: str, start: int, end: int, brackets: bool = True) -> str:
    """The words around a number up to the nearest comma, semicolon, dash or sentence end
    (and bracket, unless ``brackets`` is False)."""
    left, right = _local_bounds(text, start, end, brackets)
    return text[left:right]


def _local_bounds(text: str, start: int, end: int, brackets: bool = True) -> tuple[int, int]:
    stops: tuple[str, ...] = (";", ", ", ". ", " – ")
    stops += ("(", ")") if brackets else ()
    left = max(text.rfind(stop, 0, start) for stop in stops)
    rights = [i for i in (text.find(stop, end) for stop in stops) if i != -1]
    return left + 1, min(rights, default=len(text))


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
            clause = _clause(text, match.start(), match.end())
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
            _, local_end = _local_bounds(text, match.start(), match.end(), brackets=False)
            score -= 4.0 if _within(not_grant, 0, local_end) else 0.0
            score -= 4.0 if LOAN.match(text) or LOAN.search(sentence.heading) else 0.0
            score += 2.0 if is_max and GLOBAL_CAP.search(clause) else 0.0
            doubt = LOAN_DOUBT if LOAN_NEAR.search(clause) else None
            costs_before = ELIGIBLE_COSTS.search(_left_clause(text, match.start()))
            costs_after = re.match(r"^\s*\([^)]*(?:Kosten|Ausgaben|Volumen)", after, _I)
            granted = _grant_named(text, match.start()) or _after_rate(text, match.start())
            granted = granted or bool(re.match(r"^[^,;.]{0,40}\bgefördert\b", after))
            if (costs_before and not granted) or costs_after:
                score -= 2.0
                doubt = COST_DOUBT
            if is_max and ITEM_CAP.match(after) and not GLOBAL_CAP.search(after[:40]):
                doubt = ITEM_DOUBT
            if IRREALIS.search(text):
                doubt = doubt or "Satz über einen anderen Fall, nicht über diese Förderung"
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


def propose_financing(sentences: list[Sentence]) -> list[Proposal]:
    """Candidates for ``financing_type`` from the wording (Anteil-, Fehlbedarfs-, Festbetrag …)."""
    found = []
    for sentence in sentences:
        low = sentence.text.lower()
        if not any(word in low for word in FINANCING_WORDS):
            continue  # cheap test first
        for value, pattern, weight in FINANCING:
            match = pattern.search(sentence.text)
            if match is None or NEGATED.search(sentence.text[: match.start()]):
                continue
            score = weight + section_bonus(sentence, "amount", 2.0)
            if kept(score, sentence, 1.0):
                found.append(
                    candidate("financing_type", value, sentence, match.start(), match.end(), score)
                )
    return found


def _left_clause(text: str, start: int) -> str:
    """The words before an amount back to the last comma, semicolon or sentence start."""
    left = max(text.rfind(";", 0, start), text.rfind(",", 0, start), text.rfind(". ", 0, start))
    return text[max(left + 1, start - 80) : start]


def _clause(text: str, start: int, end: int) -> str:
    """The part of the sentence an amount belongs to: up to the nearest ; or "wobei"/"und für"."""
    left = max(
        text.rfind(";", 0, start),
        text.rfind(" und für ", 0, start),
        text.rfind(". ", 0, start),
        start - 100,
    )
    stops = [
        i
        for i in (
            text.find(";", end),
            text.find(", wobei", end),
            text.find(" und für ", end),
            text.find(". ", end),
        )
        if i != -1
    ]
    right = min([*stops, end + 60])
    return text[max(left, 0) : right]


def _percent(match: re.Match[str]) -> Decimal | None:
    value = parse_number(match.group("num"))
    if value is None or not Decimal(0) < value <= Decimal(100):
        return None
    return value
