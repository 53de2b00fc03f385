"""The controlled vocabulary shared by project profiles and programme records.

Codes are stable identifiers; labels are what the German UI shows. Mirrors the contract
``taxonomy.yaml`` (a test keeps both in step); codes may be added here, never renamed or dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

THEMES: dict[str, str] = {
    "quartiersmanagement": "Quartiersmanagement, Sozialraumplanung und Monitoring",
    "vernetzung": "Vernetzung und ressortübergreifende Kooperation",
    "wohnen": "Wohnen und Wohnumfeld",
    "teilhabe": "Soziale und kulturelle Teilhabe, Partizipation, Begegnung",
    "engagement": "Bürgerschaftliches Engagement und Ehrenamt",
    "bildung": "Bildung und Lernorte",
    "gesundheit": "Gesundheitsversorgung und Prävention",
    "pflege": "Pflege und Unterstützung im Alltag",
    "arbeit": "Arbeit, Beschäftigung und Ausbildung",
    "wirtschaft": "Lokale Wirtschaft und Nahversorgung",
    "mobilitaet": "Mobilität und öffentlicher Raum",
    "digitalisierung": "Digitalisierung, Breitband und Medienkompetenz",
    "integration": "Integration und Migration",
    "inklusion": "Inklusion und Barrierefreiheit",
    "klima": "Klimaschutz, Klimaanpassung und Stadtgrün",
    "kultur": "Kultur und Heimat",
    "demokratie": "Demokratie und gesellschaftlicher Zusammenhalt",
    "sport": "Sport und Freizeit",
}

TARGET_GROUPS: dict[str, str] = {
    "alle": "Alle Bewohnerinnen und Bewohner des Quartiers",
    "kinder": "Kinder",
    "jugendliche": "Jugendliche und junge Erwachsene",
    "familien": "Familien und Alleinerziehende",
    "aeltere": "Ältere Menschen",
    "pflegebeduerftige": "Pflegebedürftige und pflegende Angehörige",
    "menschen_mit_behinderung": "Menschen mit Behinderung",
    "migrantinnen": "Menschen mit Einwanderungsgeschichte",
    "gefluechtete": "Geflüchtete",
    "langzeitarbeitslose": "Langzeitarbeitslose und Erwerbslose",
    "wohnungslose": "Wohnungslose und Menschen in besonderen sozialen Schwierigkeiten",
    "frauen": "Frauen",
}

APPLICANT_TYPES: dict[str, str] = {
    "kommune": "Kommune (Gemeinde, Stadt, Kreis)",
    "kommunales_unternehmen": "Kommunales Unternehmen",
    "freier_traeger": "Freier gemeinnütziger Träger (Wohlfahrtspflege, Jugendhilfe)",
    "verein": "Gemeinnütziger Verein oder Initiative",
    "kirchengemeinde": "Kirchengemeinde",
    "bildungseinrichtung": "Bildungseinrichtung oder Bildungsträger",
    "wohnungsunternehmen": "Wohnungsunternehmen oder Wohnungsgenossenschaft",
    "unternehmen": "Unternehmen (gewerblich)",
    "privatperson": "Privatperson (Eigentümer oder Mieter)",
}

COST_TYPES: dict[str, str] = {
    "personal": "Personalkosten",
    "sach": "Sachkosten und Honorare",
    "investiv": "Investitionen (Bau, Umbau, Ausstattung)",
}

AREA_TYPES: dict[str, str] = {
    "urban": "Städtischer Raum",
    "rural": "Ländlicher Raum",
}

STATES: dict[str, str] = {
    "BW": "Baden-Württemberg",
    "BY": "Bayern",
    "BE": "Berlin",
    "BB": "Brandenburg",
    "HB": "Bremen",
    "HH": "Hamburg",
    "HE": "Hessen",
    "MV": "Mecklenburg-Vorpommern",
    "NI": "Niedersachsen",
    "NW": "Nordrhein-Westfalen",
    "RP": "Rheinland-Pfalz",
    "SL": "Saarland",
    "SN": "Sachsen",
    "ST": "Sachsen-Anhalt",
    "SH": "Schleswig-Holstein",
    "TH": "Thüringen",
}

LEVELS: dict[str, str] = {
    "eu": "Europäische Union",
    "bund": "Bund",
    "land": "Land",
    "kommune": "Kommune oder Kreis (eigene Förderprogramme)",
    "stiftung": "Stiftung, Lotterie oder private Förderer",
}
FUNDING_TYPES: dict[str, str] = {
    "zuschuss": "Zuschuss",
    "darlehen": "Darlehen",
    "tilgungszuschuss": "Darlehen mit Tilgungszuschuss",
    "preis": "Preis oder Wettbewerb",
    "buergschaft": "Bürgschaft",
    "sonstiges": "Sonstige Förderart",
}

# Finanzierungsart of a Zuwendung (VV Nr. 2 zu § 44 LHO); the budget computes the grant by it.
FINANCING_TYPES: dict[str, str] = {
    "anteil": "Anteilfinanzierung",
    "fehlbedarf": "Fehlbedarfsfinanzierung",
    "festbetrag": "Festbetragsfinanzierung",
    "voll": "Vollfinanzierung",
}

STATUSES: dict[str, str] = {
    "open": "offen",
    "between_rounds": "zwischen zwei Förderrunden",
    "unclear": "Status unklar – vor Antrag beim Fördergeber prüfen",
    "active": "aktiv",
    "paused": "ausgesetzt",
    "closed": "geschlossen",
    "draft": "Entwurf (ungeprüft)",
}

# Vocabulary name -> codes, for validators and forms.
VOCABULARIES: dict[str, Mapping[str, str]] = {
    "themes": THEMES,
    "target_groups": TARGET_GROUPS,
    "applicant_types": APPLICANT_TYPES,
    "cost_types": COST_TYPES,
    "area_types": AREA_TYPES,
    "states": STATES,
    "levels": LEVELS,
    "funding_types": FUNDING_TYPES,
    "financing_types": FINANCING_TYPES,
    "statuses": STATUSES,
}


def label(vocabulary: str, code: str) -> str:
    """German label of a code, or the code itself when it is unknown."""
    return VOCABULARIES[vocabulary].get(code, code)


def labels(vocabulary: str, codes: Iterable[str]) -> list[str]:
    """German labels of several codes, in the given order."""
    return [label(vocabulary, code) for code in codes]


def unknown_codes(vocabulary: str, codes: Iterable[str]) -> list[str]:
    """The codes that the vocabulary does not know, in the given order."""
    known = VOCABULARIES[vocabulary]
    return [code for code in codes if code not in known]


def allowed_hint(vocabulary: str) -> str:
    """A short German list of the allowed codes, for error messages."""
    return "erlaubt: " + ", ".join(VOCABULARIES[vocabulary])


def check_code(vocabulary: str, value: str) -> str:
    """The code if the vocabulary knows it; else ValueError listing the allowed codes."""
    if value not in VOCABULARIES[vocabulary]:
        raise ValueError(f"unbekannter Code „{value}“ ({allowed_hint(vocabulary)})")
    return value


def check_codes(vocabulary: str, values: list[str]) -> list[str]:
    """The codes if all are known and none repeats; else ValueError naming the offenders."""
    unknown = unknown_codes(vocabulary, values)
    if unknown:
        raise ValueError(f"unbekannte Codes: {', '.join(unknown)} ({allowed_hint(vocabulary)})")
    if len(set(values)) != len(values):
        raise ValueError("enthält Codes doppelt")
    return values
