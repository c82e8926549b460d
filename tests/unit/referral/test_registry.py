"""The district registry: the shipped default, lookups, and validation that refuses bad files."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from services.referral.registry import Registry, RegistryError, load_registry, parse_registry
from shared.reference import load_reference

Doc = dict[str, Any]


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def test_default_covers_every_municipality_at_unit_level(registry: Registry) -> None:
    reference = load_reference()
    units = {registry.unit_for_municipality(code) for code in reference.municipalities}
    assert len(reference.municipalities) == 342
    assert None not in units
    assert {unit for unit in units if unit is not None} == set(reference.units().items())
    assert registry.unit_for_municipality("GM0275") == ("RE02", "Oost-Nederland")
    assert registry.unit_for_municipality("GM9999") is None


def test_default_ships_oost_nederland_teams_and_amsterdams_districts_as_drafts(registry: Registry) -> None:
    oost = [team for team in registry.teams if team.unit_code == "RE02"]
    amsterdam = [team for team in registry.teams if team.unit_code == "RE05"]
    assert (len(oost), len(amsterdam), len(registry.teams)) == (27, 9, 36)
    assert all(team.draft for team in registry.teams)
    assert all("to be signed off against politie.nl" in (team.note or "") for team in registry.teams)
    rheden = registry.team_for_municipality("GM0275")
    assert rheden is not None
    assert rheden.id == "gelderland-midden.rheden"
    assert registry.team_for_municipality("GM0363") is None  # Amsterdam: by city district, not whole
    for said, team in (
        ("Bijlmermuseum", "amsterdam.zuidoost"),
        ("Bijlmer", "amsterdam.zuidoost"),
        ("De Pijp", "amsterdam.zuid"),
    ):
        found = registry.team_for_district("GM0363", said)
        assert found is not None
        assert found[0].id == team
    assert registry.team_for_district("GM0363", "Amsterdam") is None


def test_routing_keys_cover_every_team_and_every_unit_intake(registry: Registry) -> None:
    keys = registry.all_team_routing_keys()
    assert "team.re02.gelderland-midden.rheden" in keys
    assert {f"team.re{n:02d}.intake" for n in range(1, 11)} <= set(keys)
    assert len(keys) == len(registry.teams) + 10


@pytest.mark.parametrize(
    ("received_on", "platform", "expected"),
    [
        ("@wijkagent_velp", None, "@wijkagent_velp"),
        ("WIJKAGENT_VELP", "whatsapp", "@wijkagent_velp"),
        (" @Politie.Zevenaar ", None, "@politie.zevenaar"),
        ("104857600123456", "facebook", "Politie Basisteam Voorstad"),
        ("17841400000012345", None, "@politie_voorstad"),
    ],
)
def test_account_matches_by_id_or_handle(
    registry: Registry, received_on: str, platform: str | None, expected: str
) -> None:
    account = registry.account(received_on, platform)
    assert account is not None
    assert account.label == expected


def test_account_on_another_platform_or_unknown_is_not_found(registry: Registry) -> None:
    assert registry.account("104857600123456", "instagram") is None
    assert registry.account("@politie_nergenshuizen") is None


def test_unit_of_account(registry: Registry) -> None:
    def unit(received_on: str) -> tuple[str, str] | None:
        account = registry.account(received_on)
        assert account is not None
        return registry.unit_of_account(account)

    assert unit("@wijkagent_velp") == ("RE02", "Oost-Nederland")
    assert unit("@politie_amsterdam") == ("RE05", "Amsterdam")
    assert unit("@webcare_politie") is None


def test_check_reports_drafts_and_intake_fallbacks(registry: Registry) -> None:
    report = "\n".join(registry.check())
    assert "36 teams, 36 of them draft" in report
    assert "RE01 Noord-Nederland: no teams, all 40 municipalities go to team.re01.intake" in report
    assert "Arnhem (GM0202)" in report


def _valid() -> Doc:
    team = {"name": "T", "unit_code": "RE02", "district": "Gelderland-Midden"}
    return {
        "schema_version": 1,
        "teams": [
            {**team, "id": "gelderland-midden.rheden", "municipalities": ["GM0275"]},
            {**team, "id": "gelderland-midden.liemers", "municipalities": ["GM0299"]},
        ],
        "accounts": [
            {"handle": "@wijkagent_velp", "team": "gelderland-midden.rheden"},
            {"handle": "@politie", "national": True},
        ],
    }


def _mutated(change: Callable[[Doc], None]) -> str:
    doc = copy.deepcopy(_valid())
    change(doc)
    return json.dumps(doc)


def _problems(text: str) -> list[tuple[str, str]]:
    with pytest.raises(RegistryError) as caught:
        parse_registry(text, source="test.json")
    return [(problem.location, problem.reason) for problem in caught.value.problems]


def test_minimal_valid_registry_loads() -> None:
    registry = parse_registry(json.dumps(_valid()))
    assert [team.id for team in registry.teams] == ["gelderland-midden.rheden", "gelderland-midden.liemers"]


@pytest.mark.parametrize(
    ("change", "location", "reason"),
    [
        (
            lambda d: d["teams"][0].update(municipalities=["GM9999"]),
            "$.teams[0].municipalities[0]",
            "unknown municipality code 'GM9999'",
        ),
        (
            lambda d: d["teams"][0].update(municipalities=["GM0363"]),
            "$.teams[0].municipalities[0]",
            "lies in unit RE05, not RE02",
        ),
        (
            lambda d: d["teams"][1].update(unit_code="RE11", municipalities=[]),
            "$.teams[1].unit_code",
            "unknown unit code 'RE11'",
        ),
        (lambda d: d["teams"][1].update(id="gelderland-midden.rheden"), "$.teams[1].id", "duplicate team id"),
        (
            lambda d: d["teams"][1].update(municipalities=["GM0299", "GM0275"]),
            "$.teams[1].municipalities[1]",
            "already covered by team gelderland-midden.rheden",
        ),
        (lambda d: d["teams"][0].update(colour="blue"), "$.teams[0].colour", "Extra inputs are not permitted"),
        (lambda d: d["teams"][1].update(id="intake"), "$.teams[1].id", "should match pattern"),
        (
            lambda d: d["accounts"][0].update(team="gelderland-midden.nergens"),
            "$.accounts[0].team",
            "unknown team 'gelderland-midden.nergens'",
        ),
        (
            lambda d: d["accounts"][1].update(national=False),
            "$.accounts[1]",
            "exactly one of team, unit_code, national: true (found none)",
        ),
        (lambda d: d["accounts"][0].update(unit_code="RE02"), "$.accounts[0]", "(found team, unit_code)"),
        (
            lambda d: d["accounts"][1].update(national=False, unit_code="RE99"),
            "$.accounts[1].unit_code",
            "unknown unit code 'RE99'",
        ),
        (
            lambda d: d["accounts"][1].update(handle="WIJKAGENT_VELP"),
            "$.accounts[1].handle",
            "already used by $.accounts[0]",
        ),
        (lambda d: d.pop("teams"), "$.teams", "Field required"),
    ],
)
def test_each_problem_is_reported_with_its_location(change: Callable[[Doc], None], location: str, reason: str) -> None:
    problems = _problems(_mutated(change))
    assert len(problems) == 1, problems
    assert problems[0][0] == location
    assert reason in problems[0][1]


def test_every_problem_is_reported_at_once() -> None:
    def break_three_things(doc: Doc) -> None:
        doc["teams"][0]["municipalities"] = ["GM9999"]
        doc["teams"][1]["unit_code"] = "RE11"
        doc["accounts"][1] = {"handle": "@politie"}

    locations = [location for location, _ in _problems(_mutated(break_three_things))]
    assert set(locations) == {
        "$.teams[0].municipalities[0]",
        "$.teams[1].unit_code",
        "$.teams[1].municipalities[0]",
        "$.accounts[1]",
    }


def test_error_message_names_source_and_every_problem() -> None:
    with pytest.raises(
        RegistryError, match=r"registry test\.json has 1 problem\(s\):\n  line 1, \$\.teams\[0\]\.municipalities\[0\]"
    ):
        parse_registry(_mutated(lambda d: d["teams"][0].update(municipalities=["GM9999"])), source="test.json")


def test_json_syntax_error_is_reported_by_line() -> None:
    assert _problems('{\n  "teams": [\n    {"id": }\n  ]\n}') == [("line 3 column 12", "Expecting value")]


def test_load_registry_from_a_file(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(_valid()), encoding="utf-8")
    assert load_registry(good).team("gelderland-midden.liemers") is not None
    bad = tmp_path / "bad.json"
    bad.write_text(_mutated(lambda d: d["teams"][0].update(unit_code="RE00")), encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(bad)
    assert caught.value.source == str(bad)
    with pytest.raises(RegistryError, match="cannot be read"):
        load_registry(tmp_path / "missing.json")


def test_a_messenger_dm_is_received_by_the_facebook_page() -> None:
    registry = load_registry()
    account = registry.account("104857600123456", "messenger")
    assert account is not None
    assert account.team == "gelderland-midden.arnhem-noord"


def test_a_problem_names_the_line_it_is_on(tmp_path: Path) -> None:
    text = '{\n  "schema_version": 1,\n  "teams": [\n    {"id": "x.y", "name": "Y", "unit_code": "RE02",\n     "district": "D", "municipalities": ["GM9999"]}\n  ]\n}\n'
    path = tmp_path / "registry.json"
    path.write_text(text)
    with pytest.raises(RegistryError) as raised:
        load_registry(path)
    problem = raised.value.problems[0]
    assert (problem.location, problem.line) == ("$.teams[0].municipalities[0]", 5)
    assert "line 5, $.teams[0].municipalities[0]: unknown municipality code 'GM9999'" in str(raised.value)
