"""Gazetteer: find Dutch place names in a tip and map them to one CBS municipality."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from services.classify import landmarks
from services.classify.fuzzy import FuzzyPlaces
from services.classify.normalize import (
    Token,
    fold,
    in_capitals_run,
    in_handle,
    is_sentence_start,
    is_shouting,
    name_key,
    tokens,
)
from shared.contracts import Place, Span
from shared.reference import ReferenceData

_ARTICLES = frozenset({"de", "den", "het", "t"})
_LOCATIVE = frozenset(
    {"in", "te", "bij", "uit", "naar", "richting", "rond", "nabij", "vanuit", "near", "from", "at", "في", "yn", "by"}
)
_SURNAME_PARTICLES = frozenset({"de", "van", "der", "den", "ter", "ten"})
# A place after "richting"/"naar" is usually where someone went, not where it happened.
_DIRECTIONAL = frozenset({"richting", "naar", "towards", "toward"})
# "ik woon zelf in Zuidlaren maar ...": the writer's home is named beside where it happened.
_LIVES_IN = re.compile(r"\b(?:ik|wij|we|i)\s+(?:woon|wonen|live)\s+(?:zelf\s+|ook\s+)*(?:in|te)\s+$")
_BUT = re.compile(r"[^.!?\n]{0,12}\b(?:maar|but)\b")
# "tussen A en B", "van A naar B", "between A and B", "from A to B".
_ROUTE_OPENER = re.compile(r"\b(?:tussen|(?<!hoogte )van|between|from)\s+$")
_ROUTE_LINK = re.compile(r"\s+(?:en|naar|richting|and|to)\s+")
_NAME_BREAKS = frozenset({",", ":", ".", "!", "\n"})
_CLAUSE_BREAKS = frozenset({".", "!", "?", ",", ":", ";", "\n", "-", "!!", "..."})
# Words that follow a place named at the end of a message: "volendam bij de haven", "tegelen achter de kerk".
_SIGN_OFF_NEXT = frozenset({"bij", "achter", "naast", "tegenover", "aan", "op", "centrum", "station"})
# Capitalised words that open street names made of a town's name ("Lange Delft", "Korte Leidsedwarsstraat").
_STREET_OPENERS = frozenset({"lange", "korte"})
# "in de buurt van Emmeloord", "centrum van Goes": a "van" that introduces a place, not a surname.
_AREA_WORDS = frozenset(
    {
        "buurt",
        "omgeving",
        "centrum",
        "gemeente",
        "station",
        "dorp",
        "stad",
        "regio",
        "hartje",
        "rand",
        "buitengebied",
        "kant",
        "kern",
        "strand",
        "haven",
        "rondweg",
        "hoogte",
        "sluis",
        "brug",
        "markt",
        "kerk",
        "camping",
        "jachthaven",
        "dorpshuis",
        "dorpskern",
        "dorpsstraat",
        "bossen",
        "fietspad",
        "kermis",
    }
)
# "het politiebureau van Franeker", "de jeugd van Ommen": a "van" after one of these introduces a town, not a surname.
_TOWN_OWNERS = frozenset(
    {
        "politie",
        "politiebureau",
        "bureau",
        "wijkagent",
        "wijkagenten",
        "burgemeester",
        "inwoners",
        "bewoners",
        "jeugd",
        "hangjongeren",
        "jongeren",
        "straten",
        "wijken",
        "dat",
        "die",
    }
)
# "mijn buurvrouw Erica", "collega Rob": a capitalised word after one of these is a person's name.
_PERSON_WORDS = frozenset(
    {
        "buurvrouw",
        "buurman",
        "buurjongen",
        "buurmeisje",
        "vriend",
        "vriendin",
        "collega",
        "zus",
        "zusje",
        "broer",
        "broertje",
        "neef",
        "nicht",
        "oom",
        "tante",
        "opa",
        "oma",
        "dochter",
        "zoon",
        "ex",
        "meneer",
        "mevrouw",
        "juf",
        "meester",
        "familie",
        "fam",
        "heer",
        "dhr",
        "mevr",
    }
)
_DETERMINERS = frozenset({"de", "het", "t", "een", "the", "a", "onze", "ons", "mijn", "mn", "jullie", "hun"})
# "die Axel uit onze straat": a capitalised name after a demonstrative is a person.
_DEMONSTRATIVES = frozenset({"die", "deze"})
_NAMED_AFTER = _PERSON_WORDS | _DEMONSTRATIVES
# What follows a plural or a verb, not a place: "stopt bij huizen waar het licht uit is".
_NOUN_NEXT = frozenset({"waar", "die", "dat", "zonder"})
# "de Bloemenbuurt in Uden": the second name holds the first.
_WITHIN = re.compile(r"\s+(?:in|te)\s+")
# "station Gouda", "centrum Zaandam", "Zaandam centrum": a word for part of a town right beside a name makes it one.
_BESIDE_AREA = frozenset({"centrum", "station", "gemeente", "centraal", "binnenstad", "afslag", "afrit", "knooppunt"})
# What follows an area code ("020") in a telephone number.
_PHONE_REST = re.compile(r"[-/ ]?\d")
_AMSTERDAM = "GM0363"
# The province marks CBS adds to a woonplaats name that several provinces have.
_PROVINCE_QUALIFIER = re.compile(r"\s+(?:\((?:NH|L|Gld|GLD|NB)\)|L|NH|Gn|Gld)$")
_FUZZY_VILLAGE_LENGTH = 8
_ZUIDOOST = re.compile(r"\bzuidoost\b")
_STREETLIKE = re.compile(r"(?:weg|straat|dijk|laan|kade|gracht|singel|plein|park)$", re.IGNORECASE)
_WEAK_BASES = frozenset({"nieuw", "havens", "oud", "buitenveldert"})
_SUFFIX = re.compile(r"-(?:oost|west|zuid|noord|midden|noordoost|noordwest|zuidoost|zuidwest)$", re.IGNORECASE)

# Handles name regions rather than towns. Each region word maps to the narrowest area it names: a province or a
# safety region (both in the reference data), or else a police unit ("RE.."); an ambiguous village name is settled
# by the narrowest area that holds exactly one of its places ("Winsum" to @politie_groningen is Het Hogeland's).
_REGIONS: dict[str, str] = {
    "noordnederland": "RE01", "groningen": "Groningen", "fryslan": "Fryslân", "friesland": "Fryslân",
    "drenthe": "Drenthe", "oostnederland": "RE02", "twente": "Twente", "achterhoek": "Noord- en Oost-Gelderland",
    "noordoostgelderland": "Noord- en Oost-Gelderland", "noordveluwe": "Noord- en Oost-Gelderland",
    "sallandvechtdal": "IJsselland", "ijsseldelta": "IJsselland", "ijsselland": "IJsselland",
    "rivierenland": "Gelderland-Zuid", "gelderlandzuid": "Gelderland-Zuid", "gelderlandmidden": "Gelderland-Midden",
    "gelderland": "Gelderland", "overijssel": "Overijssel", "middennederland": "RE03", "flevoland": "Flevoland",
    "utrecht": "Utrecht", "eemland": "Utrecht", "heuvelrug": "Utrecht", "gooi": "Gooi en Vechtstreek",
    "gooienvechtstreek": "Gooi en Vechtstreek", "zeelandwestbrabant": "RE08", "zhz": "Zuid-Holland-Zuid",
    "alblasserwaard": "Zuid-Holland-Zuid", "drechtsteden": "Zuid-Holland-Zuid",
    "noordholland": "RE04", "kennemerland": "Kennemerland", "zaanstreek": "Zaanstreek-Waterland",
    "westfriesland": "Noord-Holland Noord", "noordhollandnoord": "Noord-Holland Noord", "amsterdam": "RE05",
    "haaglanden": "Haaglanden", "hollandsmidden": "Hollands Midden", "bollenstreek": "Hollands Midden",
    "rijnmond": "RE07", "zuidhollandzuid": "Zuid-Holland-Zuid", "zeeland": "Zeeland", "walcheren": "Zeeland",
    "westbrabant": "Midden- en West-Brabant", "hartvanbrabant": "Midden- en West-Brabant", "oostbrabant": "RE09",
    "brabantnoord": "Brabant-Noord", "brabantzuidoost": "Brabant-Zuidoost", "zuidoostbrabant": "Brabant-Zuidoost",
    "brabant": "Noord-Brabant", "noordbrabant": "Noord-Brabant", "limburg": "Limburg",
    "limburgnoord": "Limburg-Noord", "noordlimburg": "Limburg-Noord", "zuidlimburg": "Zuid-Limburg",
}  # fmt: skip


@dataclass(slots=True)
class _Entry:
    label: str
    codes: set[str] = field(default_factory=set)
    official: str | None = None
    article: bool = False
    # Municipality names, aliases and neighbourhoods match in any case; a bare woonplaats (often a
    # village named after a word, "Klimmen", "Vries") needs a capital or a preposition.
    strong: bool = False
    # A neighbourhood name that many towns have ("Vogelbuurt"): it counts only where the account is that town's.
    shared: bool = False
    # Set by ``freeze`` once the index is built: the municipalities the name may mean (its own one for a
    # municipality's name), and for a municipality's name the villages elsewhere that share it.
    choices: frozenset[str] = frozenset()
    others: frozenset[str] = frozenset()

    def freeze(self) -> None:
        self.choices = frozenset({self.official} if self.official else self.codes)
        self.others = frozenset(self.codes - {self.official}) if self.official else frozenset()


@dataclass(frozen=True, slots=True)
class Mention:
    """One place name found in the text."""

    start: int
    end: int
    label: str
    codes: frozenset[str]
    # Where someone went or lives rather than where it happened: "richting Arnhem", "ik woon in Zwolle maar".
    aside: bool
    shared: bool = False
    # For a municipality's own name, the villages elsewhere that share it ("Oosterhout" in Overbetuwe).
    others: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class _Hint:
    """What a receiving account's handle says about where its tips are: its own municipalities, and the areas it
    names (provinces, safety regions, police units), narrowest first."""

    codes: frozenset[str]
    areas: tuple[frozenset[str], ...]


_NO_HINT = _Hint(frozenset(), ())


@dataclass(frozen=True, slots=True)
class PlaceResult:
    """The chosen municipality (or None) and the names that could not be resolved."""

    place: Place | None
    ambiguous: tuple[str, ...]


class Gazetteer:
    """Index of municipality, woonplaats and neighbourhood names, built once."""

    def __init__(self, reference: ReferenceData) -> None:
        self._reference = reference
        self._by_name = {m.name: m.code for m in reference.municipalities.values()}
        self._entries: dict[tuple[str, ...], _Entry] = {}
        self._add_reference(reference)
        self._add_landmarks()
        for entry in self._entries.values():
            entry.freeze()
        # First token -> the key lengths starting with it, longest first (longest match wins).
        lengths: dict[str, set[int]] = {}
        for key in self._entries:
            lengths.setdefault(key[0], set()).add(len(key))
        self._lengths_by_first = {first: sorted(sizes, reverse=True) for first, sizes in lengths.items()}
        self._compact = {"".join(key): entry.choices for key, entry in self._entries.items()}
        self._hint_cache: dict[str, _Hint] = {}
        self._known_words = frozenset(self._lengths_by_first) | landmarks.EVERYDAY_WORDS | landmarks.FUNCTION_WORDS
        # Only unambiguous names are guessed at, and village names only when long: a misspelt short village name is
        # too often a word.
        self._fuzzy_entries = {
            "".join(key): entry
            for key, entry in self._entries.items()
            if len(entry.choices) == 1
            and not entry.shared
            and (entry.strong or len("".join(key)) >= _FUZZY_VILLAGE_LENGTH)
        }
        self._fuzzy = FuzzyPlaces((compact, compact) for compact in self._fuzzy_entries)

    def _entry(self, name: str) -> _Entry | None:
        key = name_key(name)
        joined = " ".join(key)
        # Two-letter keys ("B", "Ee") collide with initials and plate fragments far more than they name places.
        if len(joined) < 3 or joined in landmarks.GENERIC_NAMES or joined in landmarks.NEVER_PLACES:
            return None
        return self._entries.setdefault(key, _Entry(label=name, article=key[0] in _ARTICLES and len(key) > 1))

    def _add_reference(self, reference: ReferenceData) -> None:
        for municipality in reference.municipalities.values():
            if entry := self._entry(municipality.name):
                entry.official, entry.label, entry.article, entry.strong = (
                    municipality.code,
                    municipality.name,
                    False,
                    True,
                )
            for alias in municipality.aliases:
                if (entry := self._entry(alias)) is not None:
                    entry.codes.add(municipality.code)
                    entry.article, entry.strong = False, True
        for place in reference.places:
            if entry := self._entry(place.name):
                entry.codes.add(place.municipality_code)
            # People write "Bergen" for "Bergen (NH)" and "Bergen L": the bare name holds every place it may be, unless
            # it is a municipality's own name ("Hengelo", "Rijswijk" are the towns, not the villages).
            bare = _PROVINCE_QUALIFIER.sub("", place.name)
            if bare != place.name and (entry := self._entry(bare)) and not entry.strong:
                entry.codes.add(place.municipality_code)
        for hood in reference.neighbourhoods:
            for name in _neighbourhood_names(hood.name):
                if entry := self._entry(name):
                    entry.codes.add(hood.municipality_code)
                    entry.article, entry.strong = False, True
                    entry.shared = name.casefold() in landmarks.SHARED_NEIGHBOURHOODS

    def _add_landmarks(self) -> None:
        cyrillic = {
            town: tuple(form for name in names for form in _cyrillic_forms(name))
            for town, names in landmarks.CYRILLIC_SCRIPT.items()
        }
        listed = (
            (municipality, name)
            for municipality, names in (
                *landmarks.NEIGHBOURHOODS.items(),
                *landmarks.ARABIC_SCRIPT.items(),
                *cyrillic.items(),
            )
            for name in names
        )
        for municipality, name in (*listed, *landmarks.curated()):
            if entry := self._entry(name):
                entry.codes.add(self._by_name[municipality])
                entry.article, entry.strong = False, True

    def mentions(
        self, text: str, folded: str, words: list[Token], home: frozenset[str] = frozenset(), *, shouting: bool = False
    ) -> list[Mention]:
        """Every place name in the text, longest match first at each position (``home``: the municipalities the
        receiving account names, where a capitalised everyday word that is their name counts even opening a sentence;
        ``shouting``: the text is in capitals, where a capital says nothing).
        """
        found: list[Mention] = []
        # Most words start no place name: only the ones that do are looked at.
        starts = self._lengths_by_first
        names = [word.text for word in words]
        candidates = [index for index, name in enumerate(names) if name in starts]
        covered = 0
        for index in candidates:
            if index < covered:
                continue  # inside the name found before
            hit = self._match_at(text, words, names, index, shouting, home)
            if hit is None:
                continue
            key, entry = hit
            end = words[index + len(key) - 1].end
            if in_handle(text, words[index].start) and not _hashtag(text, words[index].start, end):
                continue
            previous = words[index - 1].text if index else ""
            start = words[index].start
            aside = previous in _DIRECTIONAL or _lives_elsewhere(folded, start, end)
            found.append(Mention(start, end, entry.label, entry.choices, aside, entry.shared, entry.others))
            covered = index + len(key)
        found.extend(_zuidoost(folded, found))
        return found

    def _match_at(
        self, text: str, words: list[Token], names: list[str], index: int, shouting: bool, home: frozenset[str]
    ) -> tuple[tuple[str, ...], _Entry] | None:
        for length in self._lengths_by_first.get(names[index], ()):
            key = tuple(names[index : index + length])
            if key in self._entries and self._accepted(text, words, index, key, shouting, home):
                return key, self._entries[key]
        return None

    def _accepted(
        self, text: str, words: list[Token], index: int, key: tuple[str, ...], shouting: bool, home: frozenset[str]
    ) -> bool:
        entry = self._entries[key]
        if key[0].isdigit() and _PHONE_REST.match(text, words[index].end):
            return False  # "020-2288800" is a telephone number, not a tip from Amsterdam
        head = words[index + 1] if entry.article else words[index]
        # In a text written in capitals, or a run of words in capitals ("STAAT NU EEN MAN"), a capital says nothing.
        in_capitals = in_capitals_run(text, words, index + entry.article)
        capital = text[head.start].isupper() and not shouting and not in_capitals
        # A name with an article needs its capital, and is a street before a house number ("op de Wijk 2").
        after = index + len(key)
        if entry.article and (not capital or (after < len(words) and words[after].text.isdigit())):
            return False
        previous = words[index - 1].text if index else ""
        before = words[index - 2].text if index > 1 else ""
        if _in_a_name(text, words, index, entry, previous, before):
            return False
        everyday = " ".join(key[1:] if entry.article else key) in landmarks.EVERYDAY_WORDS
        if entry.strong and not everyday:
            return True
        # "Best wel knap" to @wijkagent_best: a common word opening a sentence is a word even on the town's own account,
        # unless a colon or comma sets it apart ("Goes: in het park...").
        end = words[after - 1].end
        # A message opening with "Bergen: op de parkeerplaats ..." names its place, on any account ("Buren: let op"
        # further on addresses the neighbours).
        labelled = index == 0 and text[end : end + 1] == ":"
        home_word = labelled or (
            entry.codes & home and (key[-1] not in landmarks.FUNCTION_WORDS or text[end : end + 1] in _NAME_BREAKS)
        )
        if capital and not (everyday and is_sentence_start(text, words[index].start) and not home_word):
            return True
        placed = _placed(text, words, index, key, previous, before, everyday=everyday)
        return placed and key[-1] not in landmarks.FUNCTION_WORDS

    def resolve(self, text: str, received_on: str | None, folded: str | None = None) -> PlaceResult:
        """Pick the municipality the tip is about; names that stay ambiguous are reported (``folded``: the text's
        ``fold``, when the caller has it already)."""
        folded = fold(text) if folded is None else folded
        words = tokens(folded)
        hint = self._hint(received_on)
        shouting = is_shouting(text)
        found = self.mentions(text, folded, words, hint.codes, shouting=shouting)
        resolved: list[tuple[Mention, str]] = []
        ambiguous: list[str] = []
        for mention in found:
            code = self._resolve_one(mention, hint)
            if code is None:
                ambiguous.append(mention.label)
            else:
                resolved.append((mention, code))
        if route := _route_ends(folded, resolved):
            # "tussen Wierden en Nijverdal", "in de trein van Zwolle naar Kampen": a road or a ride between two towns
            # is in neither; another name in the text ("staat stil in Geldermalsen") may still say where.
            # Where the driver was heading beside it ("richting Vlissingen") says no more.
            resolved = [item for item in resolved if item[0] not in route and not item[0].aside]
            ambiguous += [mention.label for mention in sorted(route, key=lambda mention: mention.start)]
        rule = "place.gazetteer"
        if not resolved:
            # Exact names win; a misspelling is only looked for when no exact name resolved.
            resolved, rule = self._fuzzy_mentions(text, words, shouting), "place.fuzzy"
        if not resolved:
            return PlaceResult(None, tuple(dict.fromkeys(ambiguous)))
        mention, code = min(resolved, key=lambda item: (item[0].aside, item[0].start))
        mention, code = _holder(folded, mention, code, resolved)
        municipality = self._reference.municipalities[code]
        span = Span(start=mention.start, end=mention.end, text=text[mention.start : mention.end], rule=rule)
        return PlaceResult(Place(municipality=municipality.name, municipality_code=code, evidence=span), ())

    def _fuzzy_mentions(self, text: str, words: list[Token], shouting: bool) -> list[tuple[Mention, str]]:
        found: list[tuple[Mention, str]] = []
        for index in self._fuzzy.candidates(text, words, self._known_words, shouting=shouting):
            compact = self._fuzzy.match(words[index].text)
            if compact is None:
                continue
            entry = self._fuzzy_entries[compact]
            aside = index > 0 and words[index - 1].text in _DIRECTIONAL
            word = words[index]
            mention = Mention(word.start, word.end, entry.label, entry.choices, aside)
            found.append((mention, next(iter(entry.choices))))
        return found

    def _resolve_one(self, mention: Mention, hint: _Hint) -> str | None:
        codes = mention.codes
        if mention.shared or not codes:
            return next(iter(codes & hint.codes), None)
        if len(codes) == 1:
            return (mention.others and _elsewhere(mention, hint)) or next(iter(codes))
        if by_code := codes & hint.codes:
            return next(iter(by_code)) if len(by_code) == 1 else None
        for area in hint.areas:
            if len(in_area := codes & area) == 1:
                return next(iter(in_area))
        prominent = landmarks.PROMINENT.get(fold(mention.label))
        return self._by_name[prominent] if prominent else None

    def _hint(self, received_on: str | None) -> _Hint:
        """Municipalities and areas that the receiving account's handle points to."""
        if not received_on:
            return _NO_HINT
        if received_on not in self._hint_cache:
            self._hint_cache[received_on] = self._compute_hint(received_on)
        return self._hint_cache[received_on]

    def _compute_hint(self, received_on: str) -> _Hint:
        codes: set[str] = set()
        regions: set[str] = set()
        parts = [part for part in re.split(r"[^a-z0-9]+", fold(received_on)) if part]
        # "@politie_midden-nederland" names its region in two pieces: try neighbours joined too.
        joined = ["".join(parts[i : i + 2]) for i in range(len(parts) - 1)]
        for part in [*parts, *joined]:
            if part in _REGIONS:
                regions.add(_REGIONS[part])
            candidates = self._compact.get(part, frozenset())
            if len(candidates) == 1:
                codes |= candidates
        municipalities = self._reference.municipalities.values()
        areas = [
            frozenset(m.code for m in municipalities if region in (m.province, m.safety_region, m.unit_code))
            for region in regions
        ]
        # The police units of the account's own towns and regions come last, as the widest areas.
        units = {m.unit_code for m in municipalities if m.code in codes or any(m.code in area for area in areas)}
        areas += [frozenset(m.code for m in municipalities if m.unit_code == unit) for unit in sorted(units)]
        return _Hint(frozenset(codes), tuple(sorted(dict.fromkeys(areas), key=len)))


def _lives_elsewhere(folded: str, start: int, end: int) -> bool:
    """Whether the writer names their own town only to set it against where it happened ("ik woon zelf in Zuidlaren
    maar vannacht is in Groningen...")."""
    return bool(_LIVES_IN.search(folded, max(0, start - 30), start) and _BUT.match(folded, end))


def _elsewhere(mention: Mention, hint: _Hint) -> str | None:
    """The village of a municipality's name that the account points to instead of the municipality ("Oosterhout" to
    @politie_nijmegen is the village in Overbetuwe, not the town in Brabant), or None."""
    (official,) = mention.codes
    if official in hint.codes:
        return None
    if len(here := mention.others & hint.codes) == 1:
        return next(iter(here))
    for area in hint.areas:
        if official in area:
            return None
        if len(here := mention.others & area) == 1:
            return next(iter(here))
    return None


def _neighbourhood_names(name: str) -> list[str]:
    """Amsterdam CBS names split into what people write: "Osdorp-Oost" also gives "Osdorp"."""
    if "\ufffd" in name:
        return []
    names: list[str] = []
    for part in (piece.strip() for piece in name.replace(" e.o.", "").split("/")):
        # Street and park names ("Hoofdweg", "Julianapark") exist in every town.
        if not _STREETLIKE.search(part):
            names.append(part)
        base = _SUFFIX.sub("", part)
        if base != part and len(base) >= 5 and base.casefold() not in _WEAK_BASES:
            names.append(base)
    return names


def _zuidoost(folded: str, found: list[Mention]) -> list[Mention]:
    """ "Zuidoost" is Amsterdam's only when the text says Amsterdam too; otherwise it is ambiguous."""
    match = _ZUIDOOST.search(folded) if "zuidoost" in folded else None
    if match is None:
        return []
    says_amsterdam = any(_AMSTERDAM in mention.codes and len(mention.codes) == 1 for mention in found)
    codes = frozenset({_AMSTERDAM}) if says_amsterdam else frozenset()
    return [Mention(match.start(), match.end(), "Zuidoost", codes, aside=False)]


def _placed(
    text: str, words: list[Token], index: int, key: tuple[str, ...], previous: str, before: str, *, everyday: bool
) -> bool:
    """Whether the words around a lowercase name make it a place: "in zwolle", "omgeving van beek", "station gouda",
    a sign-off; not a plural or a verb ("stopt bij huizen waar het licht uit is")."""
    after = index + len(key)
    following = words[after].text if after < len(words) else ""
    if everyday and (following in _NOUN_NEXT or (previous == "te" and key[-1].endswith("en"))):
        return False  # a plural or a verb: "huizen waar het licht uit is", "benzine te gieten"
    # An everyday word signs a message off only as its capitalised last word (". Rijen").
    sign_off = not everyday or (after == len(words) and text[words[index].start].isupper())
    return (
        previous in _LOCATIVE
        or (previous == "van" and (before in _AREA_WORDS or before in _TOWN_OWNERS))
        or bool(_BESIDE_AREA & {previous, following})
        or (sign_off and _signed_off(text, words, index, after))
    )


def _holder(folded: str, mention: Mention, code: str, resolved: list[tuple[Mention, str]]) -> tuple[Mention, str]:
    """The place named right after "in" that holds the chosen one ("de Bloemenbuurt in Uden"), else the chosen one: a
    neighbourhood or street name that several towns have is placed by the town."""
    for other, other_code in resolved:
        if other_code != code and other.start > mention.end and _WITHIN.fullmatch(folded, mention.end, other.start):
            return other, other_code
    return mention, code


def _route_ends(folded: str, resolved: list[tuple[Mention, str]]) -> set[Mention]:
    """The names that open and close a route between two municipalities ("tussen A en B", "van A naar B")."""
    ends: set[Mention] = set()
    ordered = sorted(resolved, key=lambda item: item[0].start)
    for (first, first_code), (second, second_code) in pairwise(ordered):
        if (
            first_code != second_code
            and _ROUTE_LINK.fullmatch(folded, first.end, second.start)
            and _ROUTE_OPENER.search(folded, max(0, first.start - 12), first.start)
        ):
            ends |= {first, second}
    return ends


def _signed_off(text: str, words: list[Token], index: int, after: int) -> bool:
    """Whether a name stands on its own as the message's sign-off (". lekkerkerk", ". strijen, bij de molen",
    ". volendam bij de haven"): where people put the place in a hurried message, capitals or not. A word inside a
    clause ("over het hek klimmen bij de buren", "door 3 anderen, leraren") is not one."""
    if index and text[words[index - 1].end : words[index].start].strip(" ") not in _CLAUSE_BREAKS:
        return False
    if after >= len(words):
        return True
    gap = text[words[after - 1].end : words[after].start].lstrip(" ")
    return gap.startswith((",", ".", "!", "?", "\n")) or words[after].text in _SIGN_OFF_NEXT


def _in_a_name(text: str, words: list[Token], index: int, entry: _Entry, previous: str, before: str) -> bool:
    """Whether the place name is part of a person's or a street's name: "Kevin de Vries", "van Beek" (but "omgeving van
    Beek" is the village), "de Lange Delft in Middelburg"."""
    if entry.strong and previous == "van" and index > 1 and _person_before(text, words, index - 2, before):
        return True  # "de familie Van Buren", "Kees van Houten"
    if not entry.strong and previous in _SURNAME_PARTICLES and not entry.article and before not in _AREA_WORDS:
        # "Jan van Beek", "familie van Beek" are people; "de jachthaven van Lemmer", "het bureau van Franeker" a town.
        return previous != "van" or index < 2 or before in _PERSON_WORDS or text[words[index - 2].start].isupper()
    if not entry.strong and previous in _NAMED_AFTER and text[words[index].start].isupper():
        return True
    return previous in _STREET_OPENERS and text[words[index - 1].start].isupper()


def _hashtag(text: str, start: int, end: int) -> bool:
    """Whether the name is a whole hashtag ("#Hardenberg"): a tag names a place, a handle ("@kz.zwijndrecht") not."""
    return text[start - 1 : start] == "#" and (end == len(text) or not text[end].isalnum())


def _person_before(text: str, words: list[Token], index: int, word: str) -> bool:
    """Whether the word at ``index`` (before a "van") is a word for a person or a first name: capitalised inside a
    sentence and no word for a place or an owner ("Politie van Amsterdam")."""
    if word in _PERSON_WORDS:
        return True
    capitalised = text[words[index].start].isupper() and not is_sentence_start(text, words[index].start)
    # "het Stadshart van Zoetermeer": a capitalised noun after an article is a place's part, not a first name.
    determined = index > 0 and words[index - 1].text in _DETERMINERS
    return capitalised and not determined and word not in _TOWN_OWNERS and word not in _AREA_WORDS


def _cyrillic_forms(name: str) -> tuple[str, ...]:
    """A Cyrillic city name with the Ukrainian and Russian case endings it takes after "в", "з", "біля", "из"
    (locative -і/-е, genitive -а/-у, instrumental -ом); a name ending in -а swaps it; other vowels do not decline."""
    if name[-1] == "а":
        return (name, *(name[:-1] + ending for ending in ("і", "е", "и", "у", "ою")))
    if name[-1] in "еоєиі":
        return (name,)
    return (name, *(name + ending for ending in ("і", "е", "а", "у", "ом")))
