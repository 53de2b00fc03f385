"""Where a place lies: Gemeinde, Kreis (or kreisfreie Stadt), Regierungsbezirk and Land, read
from the Gemeindeverzeichnis in ``gemeinden.tsv``, for programmes that serve part of a Land (the
Landschaftsverband Rheinland, an Interreg border area, Vorpommern).

An area is written as people write it: ``Regierungsbezirk Köln``, ``Kreis Borken``,
``Rhein-Sieg-Kreis``, ``Stadt Münster``, or a Land code. Names are compared by a key without
case, administrative prefix or bracketed addition ("Landkreis Lindau (Bodensee)" -> "lindau"),
tagged by kind, so that the Regierungsbezirk Münster is not the Stadt Münster and the Landkreis
Osnabrück is not the Stadt Osnabrück.

A place the directory does not know for certain (a name it lacks, or one that stands in two
Kreise of the Land) is unknown: nothing is excluded because of it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from funding_matcher.domain import taxonomy

DIRECTORY = Path(__file__).resolve().parent / "gemeinden.tsv"

_PREFIXES = (
    ("regierungsbezirk ", "rb"),
    ("reg.-bez. ", "rb"),
    ("kreisfreie stadt ", "st"),
    ("landkreis ", "kr"),
    ("städteregion ", "kr"),
    ("regionalverband ", "kr"),
    ("region ", "kr"),
    ("kreis ", "kr"),
    ("stadt ", "st"),
)


@cache
def name_key(name: str) -> str:
    """A name without case, bracketed addition or surrounding spaces."""
    key = re.sub(r"\s*\([^)]*\)", "", name.casefold())
    return re.sub(r"\s+", " ", key).strip(" ,-")


@cache
def _split(name: str) -> tuple[str | None, str]:
    """(kind, key) of an area or Kreis name; kind None when the name does not say it."""
    key = name_key(name)
    for prefix, kind in _PREFIXES:
        if key.startswith(prefix):
            return kind, key[len(prefix) :]
    if key.endswith("kreis"):
        return "kr", key
    return None, key


def area_keys(entry: str) -> frozenset[str]:
    """The tagged keys an area entry stands for: a Regierungsbezirk, a Kreis, a kreisfreie Stadt
    (or a Stadt inside a Kreis), or, without a prefix, any of them by that name."""
    kind, key = _split(entry)
    if kind == "st":
        return frozenset({f"st:{key}", f"gem:{key}"})
    if kind:
        return frozenset({f"{kind}:{key}"})
    return frozenset(f"{k}:{key}" for k in ("rb", "kr", "st", "gem"))


@dataclass(frozen=True)
class Place:
    """A Gemeinde (or a whole Kreis) and the areas it lies in."""

    state: str
    name: str
    kreis: str  # "Kreis Borken", "Stadt Münster", "Hochsauerlandkreis"
    regierungsbezirk: str | None

    @cached_property
    def keys(self) -> frozenset[str]:
        kind, key = _split(self.kreis)
        keys = {f"{kind or 'kr'}:{key}"}
        if self.name:
            keys.add(f"gem:{name_key(self.name)}")
        if self.regierungsbezirk:
            keys.add(f"rb:{name_key(self.regierungsbezirk)}")
        return frozenset(keys)

    def lies_in(self, area: tuple[frozenset[str], frozenset[str]]) -> bool:
        """Inside an area given as ``area_index`` gives it (its Land codes, its tagged keys)."""
        codes, keys = area
        return self.state in codes or bool(self.keys & keys)

    @property
    def where(self) -> str:
        """'Hallenberg (Hochsauerlandkreis, Regierungsbezirk Arnsberg)', 'Bielefeld (kreisfreie
        Stadt, Regierungsbezirk Detmold)', 'Kreis Steinfurt (Regierungsbezirk Münster)'."""
        kind, _ = _split(self.kreis)
        if kind == "st":
            name, inside = self.kreis.removeprefix("Stadt "), ["kreisfreie Stadt"]
        elif self.name:
            name, inside = self.name, [self.kreis]
        else:
            name, inside = self.kreis, []
        if self.regierungsbezirk:
            inside.append(f"Regierungsbezirk {self.regierungsbezirk}")
        return f"{name} ({', '.join(inside)})" if inside else name


class _Land:
    """The Gemeinden and Kreise of one Land, looked up by key."""

    def __init__(self, state: str, rows: Iterable[tuple[str, str, str]]) -> None:
        self.gemeinden: dict[str, set[Place]] = defaultdict(set)
        self.kreise: dict[str, set[Place]] = defaultdict(set)
        self.areas: set[str] = set()  # every tagged key of the Land
        for regbez, kreis, gemeinde in rows:
            self.gemeinden[name_key(gemeinde)].add(Place(state, gemeinde, kreis, regbez or None))
            kind, key = _split(kreis)
            kreis_key = f"{kind or 'kr'}:{key}"
            if kreis_key not in self.kreise:
                self.kreise[kreis_key].add(Place(state, "", kreis, regbez or None))
                self.areas.add(kreis_key)
                if regbez:
                    self.areas.add(f"rb:{name_key(regbez)}")
            self.areas.add(f"gem:{name_key(gemeinde)}")


class Directory:
    """The Gemeinden and Kreise of every Land, looked up by name; a Land's index is built when
    it is first asked for."""

    def __init__(self, rows: Iterable[tuple[str, str, str, str]]) -> None:
        self._rows: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for state, regbez, kreis, gemeinde in rows:
            self._rows[state].append((regbez, kreis, gemeinde))
        self._lands: dict[str, _Land] = {}

    def _land(self, state: str) -> _Land:
        land = self._lands.get(state)
        if land is None:
            land = self._lands[state] = _Land(state, self._rows.get(state, ()))
        return land

    def locate(self, state: str, name: str | None) -> Place | None:
        """The place a profile names inside its Land, or None when it is not known for certain:
        a Gemeinde ("Hallenberg", "Stadt Bocholt", "Köln-Kalk"), or a Kreis ("Kreis Steinfurt")."""
        if not name or not name.strip():
            return None
        land = self._land(state)
        kind, key = _split(name)
        if kind in ("kr", "rb"):
            return _one(land.kreise.get(f"kr:{key}", set())) if kind == "kr" else None
        found = land.gemeinden.get(key)
        if found is None:  # a district of a town: "Köln-Kalk", "Leipzig, Grünau"
            first = re.split(r"[-/,]| - ", key, maxsplit=1)[0].strip()
            found = land.gemeinden.get(first) if first != key else None
        if found is None:
            found = land.kreise.get(f"kr:{key}")
        return _one(found or set())

    def knows(self, entry: str, states: Iterable[str]) -> bool:
        """Whether an area entry names a Land code or an area of one of these Länder."""
        if entry.strip() in taxonomy.VOCABULARIES["states"]:
            return True
        keys = area_keys(entry)
        return any(keys & self._land(state).areas for state in states)


def _one(places: set[Place]) -> Place | None:
    """The place when the name is unique in its Land; None when it stands in two Kreise."""
    return next(iter(places)) if len(places) == 1 else None


@cache
def directory() -> Directory:
    """The Gemeindeverzeichnis, read once."""
    rows = []
    with DIRECTORY.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or line.startswith("land\t"):
                continue
            state, regbez, kreis, gemeinde = line.rstrip("\n").split("\t")
            rows.append((state, regbez, kreis, gemeinde))
    return Directory(rows)


def area_index(area: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(Land codes, tagged keys of the other entries) of a programme area."""
    states = taxonomy.VOCABULARIES["states"]
    entries = [a.strip() for a in area]
    codes = frozenset(a for a in entries if a in states)
    keys = frozenset().union(*(area_keys(a) for a in entries if a not in codes))
    return codes, keys


def in_area(state: str, municipality: str | None, area: Iterable[str]) -> bool | None:
    """True when the place lies in one of the areas, False when it lies in the Land but outside
    all of them, None when the place is not known for certain (or the area names the Land)."""
    index = area_index(area)
    if state in index[0]:
        return True
    place = directory().locate(state, municipality)
    return None if place is None else place.lies_in(index)


def place_words(state: str, municipality: str | None) -> frozenset[str]:
    """The lower-case words naming a project's place, its Kreis and its Land ("Köln-Kalk" ->
    köln, kalk; "Hallenberg" -> hallenberg, hochsauerlandkreis; "Schleswig-Holstein" ->
    schleswig, holstein): where a project is, never why a programme fits it."""
    names = [municipality or "", taxonomy.label("states", state)]
    place = directory().locate(state, municipality)
    if place:
        names += [place.name, place.kreis]
    return frozenset(w for n in names for w in re.findall(r"[^\W\d_]+", n.lower()))
