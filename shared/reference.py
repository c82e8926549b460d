"""Public reference data shipped with the package: municipalities, places, police units.

Sources and licences are in ``shared/data/reference/SOURCES.md`` (CBS open data, CC BY 4.0).
Loaded once per process and cached; the data is immutable.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import IO

_PACKAGE = "shared.data.reference"


@dataclass(frozen=True, slots=True)
class Municipality:
    code: str
    name: str
    aliases: tuple[str, ...]
    province: str
    unit_code: str
    unit_name: str
    safety_region: str


@dataclass(frozen=True, slots=True)
class Woonplaats:
    name: str
    municipality_code: str
    ambiguous: bool


@dataclass(frozen=True, slots=True)
class Neighbourhood:
    """An Amsterdam buurt, wijk or stadsdeel name."""

    name: str
    level: str
    stadsdeel: str
    municipality_code: str


@dataclass(frozen=True, slots=True)
class ReferenceData:
    municipalities: dict[str, Municipality]
    places: tuple[Woonplaats, ...]
    neighbourhoods: tuple[Neighbourhood, ...]

    def municipality_by_name(self, name: str) -> Municipality | None:
        folded = name.casefold()
        for municipality in self.municipalities.values():
            if municipality.name.casefold() == folded or folded in (alias.casefold() for alias in municipality.aliases):
                return municipality
        return None

    def units(self) -> dict[str, str]:
        """Police unit code -> unit name."""
        return {m.unit_code: m.unit_name for m in self.municipalities.values()}


def _rows(name: str) -> Iterator[dict[str, str]]:
    with resources.files(_PACKAGE).joinpath(name).open(encoding="utf-8") as handle:
        yield from _dict_rows(handle)


def _dict_rows(handle: IO[str]) -> Iterator[dict[str, str]]:
    yield from csv.DictReader(row for row in handle if not row.startswith("#"))


def _municipalities() -> dict[str, Municipality]:
    units = {row["gemeentecode"]: row for row in _rows("gemeente_veiligheidsregio_politie_eenheid.csv")}
    result: dict[str, Municipality] = {}
    for row in _rows("gemeenten_2025.csv"):
        code = row["gemeentecode"]
        unit = units[code]
        result[code] = Municipality(
            code=code,
            name=row["gemeentenaam_cbs"],
            aliases=tuple(a for a in row["alias"].split("|") if a),
            province=row["provincienaam"],
            unit_code=unit["politie_eenheid_code"],
            unit_name=unit["politie_eenheid_naam"],
            safety_region=unit["veiligheidsregio_naam"],
        )
    return result


def _places() -> tuple[Woonplaats, ...]:
    return tuple(
        Woonplaats(row["woonplaats"], row["gemeentecode"], row["naam_ambigu"] == "1")
        for row in _rows("woonplaatsen_2026.csv")
    )


_NEIGHBOURHOOD_COLUMNS = (("buurt", "BUURTNAAM_2022"), ("wijk", "WIJKNAAM_2022"), ("stadsdeel", "STADSDEELNAAM"))


def _neighbourhoods() -> tuple[Neighbourhood, ...]:
    seen: set[tuple[str, str]] = set()
    result: list[Neighbourhood] = []
    for row in _rows("amsterdam_buurten_wijken_stadsdelen_2022.csv"):
        for level, column in _NEIGHBOURHOOD_COLUMNS:
            name = row[column].strip()
            if name and (level, name) not in seen:
                seen.add((level, name))
                result.append(Neighbourhood(name, level, row["STADSDEELNAAM"], "GM0363"))
    return tuple(result)


@lru_cache(maxsize=1)
def load_reference() -> ReferenceData:
    """The reference data, parsed once per process."""
    return ReferenceData(_municipalities(), _places(), _neighbourhoods())
