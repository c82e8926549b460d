"""The district registry: which team covers a municipality and whom a police account belongs to.

The registry is data that people maintain (``data/registry.json``). It is validated as a whole
when it is loaded: either every team and account is usable, or :class:`RegistryError` lists every
problem with its JSON path, so a half-loaded registry can never route a tip to the wrong desk.
Every municipality is covered at unit level by the reference data; teams add finer routing where
they are known.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from services.referral.json_lines import line_of, value_lines
from shared.contracts import Category, Platform
from shared.reference import ReferenceData, load_reference
from shared.topology import team_routing_key

DEFAULT_PACKAGE = "services.referral.data"
DEFAULT_FILE = "registry.json"
INTAKE = "intake"
"""The team part of a unit's intake routing key: ``team.<unit>.intake``."""

# Two dot-separated slugs (district.team), so no team id can collide with ``intake``.
_TEAM_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DistrictRef(_Model):
    municipality: str
    district: str
    aliases: tuple[str, ...] = ()  # what people call areas in it ("Bijlmer", "De Wallen")


class Team(_Model):
    """A basisteam and the municipalities it covers."""

    id: str = Field(pattern=_TEAM_ID_PATTERN)
    name: str = Field(min_length=1)
    unit_code: str
    district: str = Field(min_length=1)
    municipalities: tuple[str, ...] = ()
    # Part of a city that several teams share: (municipality code, city district) pairs.
    districts: tuple[DistrictRef, ...] = ()
    draft: bool = False
    note: str | None = None


class Partner(_Model):
    """A partner's queue for some categories in some municipalities (e.g. parking enforcement)."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str = Field(min_length=1)
    categories: tuple[Category, ...] = Field(min_length=1)
    municipalities: tuple[str, ...] = Field(min_length=1)
    enabled: bool = False

    @property
    def queue(self) -> str:
        return f"partner.{self.id}"


class Account(_Model):
    """A police account and where the messages it receives belong: a team, a unit or national."""

    platform: Platform | None = None
    account_id: str | None = Field(default=None, min_length=1)
    handle: str | None = Field(default=None, pattern=r"^@?[A-Za-z0-9._]+$")
    name: str | None = None
    team: str | None = None
    unit_code: str | None = None
    national: bool = False
    note: str | None = None

    @model_validator(mode="after")
    def _one_identity_and_one_target(self) -> Self:
        if self.account_id is None and self.handle is None:
            raise ValueError("an account needs an account_id or a handle")
        targets = [name for name, set_ in self._targets() if set_]
        if len(targets) != 1:
            found = ", ".join(targets) or "none"
            raise ValueError(f"an account needs exactly one of team, unit_code, national: true (found {found})")
        return self

    def _targets(self) -> tuple[tuple[str, bool], ...]:
        return (("team", self.team is not None), ("unit_code", self.unit_code is not None), ("national", self.national))

    @property
    def label(self) -> str:
        """How people recognise the account: its handle, else its name, else its platform id."""
        return self.handle or self.name or self.account_id or "?"


class RegistryFile(_Model):
    """The registry file as it is stored."""

    schema_version: Literal[1] = 1
    teams: tuple[Team, ...]
    accounts: tuple[Account, ...] = ()
    partners: tuple[Partner, ...] = ()


class _Envelope(_Model):
    # The top level is checked first; items are then validated one by one so that one bad
    # team does not hide the problems of the others.
    schema_version: Literal[1] = 1
    teams: list[Any]
    accounts: list[Any] = []
    partners: list[Any] = []


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a registry file: where (JSON path or line) and why."""

    location: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}, {self.location}" if self.line else self.location
        return f"{where}: {self.reason}"


class RegistryError(ValueError):
    """The registry file is unusable; ``problems`` lists every reason."""

    def __init__(self, source: str, problems: Sequence[Problem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(f"registry {source} has {len(self.problems)} problem(s):\n{lines}")


def normalise_account_key(value: str) -> str:
    """The form in which account ids and handles are compared: trimmed, no '@', case-folded."""
    return value.strip().removeprefix("@").casefold()


class Registry:
    """A validated registry with the lookups routing needs; build it with :func:`load_registry`."""

    def __init__(self, data: RegistryFile, reference: ReferenceData) -> None:
        self.data = data
        self.reference = reference
        self._teams = {team.id: team for team in data.teams}
        self._team_of_municipality = {code: team for team in data.teams for code in team.municipalities}
        self._team_of_district = {(r.municipality, r.district): team for team in data.teams for r in team.districts}
        self._district_of_name = _index_districts(reference, data.teams)
        self._accounts = _index_accounts(data.accounts)
        self._units = reference.units()
        self._places = _index_places(reference)

    @property
    def teams(self) -> tuple[Team, ...]:
        """Every team, in file order."""
        return self.data.teams

    @property
    def accounts(self) -> tuple[Account, ...]:
        """Every account, in file order."""
        return self.data.accounts

    def team(self, team_id: str) -> Team | None:
        """The team with this id."""
        return self._teams.get(team_id)

    def team_for_municipality(self, code: str) -> Team | None:
        """The team covering a municipality (CBS code), or None when only its unit is known."""
        return self._team_of_municipality.get(code)

    def team_for_district(self, municipality_code: str, place_words: str) -> tuple[Team, str] | None:
        """The team covering the city district a neighbourhood, district or area name lies in."""
        district = self._district_of_name.get((municipality_code, place_words.strip().casefold()))
        if district is None:
            return None
        team = self._team_of_district.get((municipality_code, district))
        return (team, district) if team is not None else None

    def partners_for(self, municipality_code: str, categories: Iterable[str]) -> tuple[Partner, ...]:
        """The enabled partners for these categories in this municipality."""
        wanted = set(categories)
        return tuple(
            p
            for p in self.data.partners
            if p.enabled and municipality_code in p.municipalities and wanted & {c.value for c in p.categories}
        )

    def unit_for_municipality(self, code: str) -> tuple[str, str] | None:
        """(unit code, unit name) of a municipality; None for a code the reference data lacks."""
        municipality = self.reference.municipalities.get(code)
        return None if municipality is None else (municipality.unit_code, municipality.unit_name)

    def municipalities_named(self, place: str) -> tuple[str, ...]:
        """Codes of the municipalities that have a woonplaats of this name (any case)."""
        return self._places.get(place.strip().casefold(), ())

    def unit_name(self, unit_code: str) -> str | None:
        """The name of a police unit, e.g. RE02 → Oost-Nederland."""
        return self._units.get(unit_code)

    def account(self, received_on: str, platform: str | None = None) -> Account | None:
        """The account a tip was received on, by platform id or handle (any case, '@' optional)."""
        candidates = self._accounts.get(normalise_account_key(received_on), [])
        if platform is not None:
            # Messenger is a Facebook Page's inbox: the Page's account receives both.
            platform = ACCOUNT_PLATFORM_ALIASES.get(platform, platform)
            candidates = [a for a in candidates if a.platform is None or a.platform == platform]
        # Two accounts sharing an id on different platforms cannot be told apart without one.
        return candidates[0] if len(candidates) == 1 else None

    def unit_of_account(self, account: Account) -> tuple[str, str] | None:
        """(unit code, unit name) an account belongs to; None for a national account."""
        unit_code = self._teams[account.team].unit_code if account.team is not None else account.unit_code
        if unit_code is None:
            return None
        return unit_code, self._units[unit_code]

    def team_routing_key(self, team: Team) -> str:
        """The routing key (and queue name) of a team: ``team.<unit>.<team id>``."""
        return team_routing_key(team.unit_code, team.id)

    def all_team_routing_keys(self) -> tuple[str, ...]:
        """Every desk routing key: each team's, each unit's intake and each enabled partner's, sorted."""
        keys = {self.team_routing_key(team) for team in self.teams}
        keys.update(partner.queue for partner in self.data.partners if partner.enabled)
        keys.update(intake_routing_key(unit_code) for unit_code in self._units)
        return tuple(sorted(keys))

    def check(self) -> list[str]:
        """A readable report of what the registry covers and what still needs a person's work."""
        return _report(self)


ACCOUNT_PLATFORM_ALIASES = {"messenger": "facebook"}


def intake_routing_key(unit_code: str) -> str:
    """The routing key (and queue name) of a unit's intake desk: ``team.<unit>.intake``."""
    return team_routing_key(unit_code, INTAKE)


def load_registry(path: Path | None = None, *, reference: ReferenceData | None = None) -> Registry:
    """The registry at ``path`` (None: the shipped default), validated in full or refused."""
    if path is None:
        text = resources.files(DEFAULT_PACKAGE).joinpath(DEFAULT_FILE).read_text(encoding="utf-8")
        return parse_registry(text, source=f"{DEFAULT_PACKAGE}/{DEFAULT_FILE}", reference=reference)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RegistryError(str(path), [Problem(str(path), f"cannot be read: {exc.strerror}")]) from exc
    return parse_registry(text, source=str(path), reference=reference)


def parse_registry(text: str, *, source: str = "<text>", reference: ReferenceData | None = None) -> Registry:
    """A registry from JSON text, validated in full or refused with every problem."""
    reference = reference or load_reference()
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RegistryError(source, [Problem(f"line {exc.lineno} column {exc.colno}", exc.msg)]) from exc
    data, problems = validate_registry(raw, reference)
    if data is None:
        lines = value_lines(text)
        raise RegistryError(source, [_with_line(problem, lines) for problem in problems])
    return Registry(data, reference)


def _with_line(problem: Problem, lines: dict[str, int]) -> Problem:
    return Problem(problem.location, problem.reason, line_of(lines, problem.location))


def validate_registry(raw: object, reference: ReferenceData) -> tuple[RegistryFile | None, list[Problem]]:
    """The validated registry and no problems, or None and every problem found."""
    try:
        envelope = _Envelope.model_validate(raw)
    except ValidationError as exc:
        return None, _pydantic_problems(exc, "$")
    teams, problems = _parse_items(envelope.teams, Team, "$.teams")
    accounts, account_problems = _parse_items(envelope.accounts, Account, "$.accounts")
    partners, partner_problems = _parse_items(envelope.partners, Partner, "$.partners")
    problems += account_problems + partner_problems
    problems += _check_teams(teams, reference)
    problems += _check_accounts(accounts, _raw_team_ids(envelope.teams), reference)
    problems += _check_partners(partners, reference)
    if problems:
        return None, problems
    registry = RegistryFile(
        teams=tuple(t for _, t in teams),
        accounts=tuple(a for _, a in accounts),
        partners=tuple(p for _, p in partners),
    )
    return registry, []


def _check_partners(partners: list[tuple[str, Partner]], reference: ReferenceData) -> list[Problem]:
    return [
        Problem(f"{location}.municipalities[{index}]", f"unknown municipality code {code!r}")
        for location, partner in partners
        for index, code in enumerate(partner.municipalities)
        if code not in reference.municipalities
    ]


_M = TypeVar("_M", bound=BaseModel)


def _parse_items(items: list[Any], model: type[_M], path: str) -> tuple[list[tuple[str, _M]], list[Problem]]:
    parsed: list[tuple[str, _M]] = []
    problems: list[Problem] = []
    for index, item in enumerate(items):
        location = f"{path}[{index}]"
        try:
            parsed.append((location, model.model_validate(item)))
        except ValidationError as exc:
            problems += _pydantic_problems(exc, location)
    return parsed, problems


def _pydantic_problems(exc: ValidationError, prefix: str) -> list[Problem]:
    return [Problem(_json_path(prefix, error["loc"]), error["msg"]) for error in exc.errors()]


def _json_path(prefix: str, loc: Iterable[int | str]) -> str:
    return prefix + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc)


def _raw_team_ids(items: list[Any]) -> set[str]:
    # Ids of teams that failed validation still count, so an account pointing at one is not
    # reported a second time as pointing at an unknown team.
    return {str(item["id"]) for item in items if isinstance(item, dict) and "id" in item}


def _check_teams(teams: list[tuple[str, Team]], reference: ReferenceData) -> list[Problem]:
    problems: list[Problem] = []
    seen_ids: dict[str, str] = {}
    covered_by: dict[str, str] = {}
    for location, team in teams:
        if team.id in seen_ids:
            problems.append(Problem(f"{location}.id", f"duplicate team id {team.id!r} (first at {seen_ids[team.id]})"))
        seen_ids.setdefault(team.id, location)
        problems += _check_team_unit(location, team, reference)
        problems += _check_team_municipalities(location, team, reference, covered_by)
        problems += _check_team_districts(location, team, reference, covered_by)
    return problems


def _check_team_districts(
    location: str, team: Team, reference: ReferenceData, covered_by: dict[str, str]
) -> list[Problem]:
    problems: list[Problem] = []
    known = {(n.municipality_code, n.stadsdeel) for n in reference.neighbourhoods}
    for index, ref in enumerate(team.districts):
        where = f"{location}.districts[{index}]"
        key = f"{ref.municipality}/{ref.district}"
        if (ref.municipality, ref.district) not in known:
            problems.append(Problem(where, f"unknown city district {ref.district!r} in {ref.municipality}"))
        if key in covered_by:
            problems.append(Problem(where, f"district {key} is already covered by team {covered_by[key]}"))
        covered_by.setdefault(key, team.id)
    return problems


def _check_team_unit(location: str, team: Team, reference: ReferenceData) -> list[Problem]:
    if team.unit_code in reference.units():
        return []
    return [Problem(f"{location}.unit_code", f"unknown unit code {team.unit_code!r} (expected RE01-RE10)")]


def _check_team_municipalities(
    location: str, team: Team, reference: ReferenceData, covered_by: dict[str, str]
) -> list[Problem]:
    problems: list[Problem] = []
    for index, code in enumerate(team.municipalities):
        where = f"{location}.municipalities[{index}]"
        municipality = reference.municipalities.get(code)
        if municipality is None:
            problems.append(Problem(where, f"unknown municipality code {code!r}"))
        elif municipality.unit_code != team.unit_code:
            reason = f"{code} ({municipality.name}) lies in unit {municipality.unit_code}, not {team.unit_code}"
            problems.append(Problem(where, reason))
        if code in covered_by:
            problems.append(Problem(where, f"municipality {code} is already covered by team {covered_by[code]}"))
        covered_by.setdefault(code, team.id)
    return problems


def _check_accounts(accounts: list[tuple[str, Account]], team_ids: set[str], reference: ReferenceData) -> list[Problem]:
    problems: list[Problem] = []
    units = reference.units()
    for location, account in accounts:
        if account.team is not None and account.team not in team_ids:
            problems.append(Problem(f"{location}.team", f"unknown team {account.team!r}"))
        if account.unit_code is not None and account.unit_code not in units:
            problems.append(Problem(f"{location}.unit_code", f"unknown unit code {account.unit_code!r}"))
    return problems + _duplicate_account_keys(accounts)


def _duplicate_account_keys(accounts: list[tuple[str, Account]]) -> list[Problem]:
    # A handle or platform id that names two accounts would make routing depend on file order.
    problems: list[Problem] = []
    first: dict[tuple[str, str], str] = {}
    for location, account in accounts:
        for field, key in _account_keys(account):
            if key in first:
                problems.append(Problem(f"{location}.{field}", f"{key[1]!r} is already used by {first[key]}"))
            first.setdefault(key, location)
    return problems


def _account_keys(account: Account) -> list[tuple[str, tuple[str, str]]]:
    keys: list[tuple[str, tuple[str, str]]] = []
    if account.account_id is not None:
        keys.append(("account_id", (str(account.platform), normalise_account_key(account.account_id))))
    if account.handle is not None:
        keys.append(("handle", ("handle", normalise_account_key(account.handle))))
    return keys


def _index_accounts(accounts: Iterable[Account]) -> dict[str, list[Account]]:
    index: defaultdict[str, list[Account]] = defaultdict(list)
    for account in accounts:
        for key in {normalise_account_key(k) for k in (account.account_id, account.handle) if k is not None}:
            index[key].append(account)
    return dict(index)


def _index_districts(reference: ReferenceData, teams: Iterable[Team]) -> dict[tuple[str, str], str]:
    """(municipality, any buurt/wijk/district name or alias, case-folded) -> its city district."""
    index: dict[tuple[str, str], str] = {}
    for n in reference.neighbourhoods:
        index.setdefault((n.municipality_code, n.name.casefold()), n.stadsdeel)
    for team in teams:
        for ref in team.districts:
            for alias in ref.aliases:
                index[(ref.municipality, alias.casefold())] = ref.district
    return index


def _index_places(reference: ReferenceData) -> dict[str, tuple[str, ...]]:
    index: defaultdict[str, dict[str, None]] = defaultdict(dict)
    for place in reference.places:
        index[place.name.casefold()][place.municipality_code] = None
    return {name: tuple(codes) for name, codes in index.items()}


def _report(registry: Registry) -> list[str]:
    teams = registry.teams
    drafts = [team.id for team in teams if team.draft]
    lines = [
        f"{len(teams)} teams, {len(drafts)} of them draft (to be signed off against politie.nl)",
        f"{len(registry.reference.municipalities)} municipalities covered at unit level, "
        f"{sum(len(team.municipalities) for team in teams)} at team level",
    ]
    lines += _unit_coverage_lines(registry)
    lines += [
        f"team {team.id} covers no municipality: reached only through its accounts"
        for team in teams
        if not team.municipalities
    ]
    lines.append(_account_summary(registry.accounts))
    if drafts:
        lines.append("draft teams: " + ", ".join(drafts))
    return lines


def _unit_coverage_lines(registry: Registry) -> list[str]:
    lines: list[str] = []
    by_unit: defaultdict[str, list[str]] = defaultdict(list)
    for municipality in registry.reference.municipalities.values():
        if registry.team_for_municipality(municipality.code) is None:
            by_unit[municipality.unit_code].append(f"{municipality.name} ({municipality.code})")
    units_with_teams = {team.unit_code for team in registry.teams}
    for unit_code, names in sorted(by_unit.items()):
        intake = intake_routing_key(unit_code)
        unit = f"{unit_code} {registry.unit_name(unit_code)}"
        if unit_code in units_with_teams:
            lines.append(
                f"{unit}: {len(names)} municipalities without a team go to {intake}: {', '.join(sorted(names))}"
            )
        else:
            lines.append(f"{unit}: no teams, all {len(names)} municipalities go to {intake}")
    return lines


def _account_summary(accounts: Sequence[Account]) -> str:
    kinds = Counter("team" if a.team else "unit" if a.unit_code else "national" for a in accounts)
    return f"{len(accounts)} accounts: {kinds['team']} team, {kinds['unit']} unit, {kinds['national']} national"
