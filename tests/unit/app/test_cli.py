"""The command line contract: normalize, classify | route, audit verify and trace, registry check."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from services.app.cli import app
from shared import audit
from shared.settings import get_settings
from shared.storage.db import make_engine, make_session_factory, transaction

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "facebook"
REPO = Path(__file__).resolve().parents[3]
runner = CliRunner()


def test_normalize_prints_one_canonical_tip_per_message() -> None:
    result = runner.invoke(app, ["normalize", "--platform", "facebook", str(FIXTURES / "messenger_text.json")])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 1
    assert records[0]["platform"] == "messenger"
    assert records[0]["kind"] == "dm"
    assert records[0]["created_at"] == "2026-03-14T19:32:05.431000Z"
    assert records[0]["received_on"] == "104857600123456"


def test_normalize_prints_nothing_for_ignored_items_and_refuses_garbage(tmp_path: Path) -> None:
    result = runner.invoke(app, ["normalize", "--platform", "facebook", str(FIXTURES / "messenger_echo.json")])
    assert result.exit_code == 0
    assert result.stdout == ""
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(b"{not json")
    refused = runner.invoke(app, ["normalize", "--platform", "facebook", str(garbage)])
    assert refused.exit_code == 2


def test_classify_piped_into_route_gives_a_decision_per_record(tmp_path: Path) -> None:
    tips = tmp_path / "tips.jsonl"
    records = [
        {
            "id": "a",
            "platform": "x",
            "kind": "post",
            "received_on": "@politie",
            "created_at": "2026-01-10T21:36:03Z",
            "text": "SPOOKRIJDER A12 bij Duiven richting Arnhem!!",
        },
        {
            "id": "b",
            "platform": "tiktok",
            "kind": "comment",
            "received_on": "@politie",
            "created_at": "2026-01-10T21:36:03Z",
            "text": "toppers gewoon 👏",
        },
    ]
    tips.write_text("".join(json.dumps(r) + "\n" for r in records))
    classify = subprocess.run(
        [sys.executable, "-m", "services.app", "classify", str(tips)], capture_output=True, check=True, cwd=REPO
    )
    route = subprocess.run(
        [sys.executable, "-m", "services.app", "route", "-"],
        input=classify.stdout,
        capture_output=True,
        check=True,
        cwd=REPO,
    )
    classified = [json.loads(line) for line in classify.stdout.splitlines()]
    decisions = [json.loads(line) for line in route.stdout.splitlines()]
    assert [c["id"] for c in classified] == ["a", "b"]
    assert classified[0]["text"] == records[0]["text"]  # input fields pass through
    assert [d["id"] for d in decisions] == ["a", "b"]
    assert decisions[0]["rule"] == "emergency"
    assert "tipline.emergency" in decisions[0]["queues"]
    assert decisions[0]["unit"] == "Oost-Nederland"
    assert decisions[1]["rule"] == "not_reportable"
    assert decisions[1]["queues"] == []


def test_a_bad_line_is_reported_with_its_number_and_the_rest_still_classified(tmp_path: Path) -> None:
    tips = tmp_path / "tips.jsonl"
    tips.write_text('{"id": "a", "text": "mijn fiets is vanochtend gestolen bij station Zwolle"}\n{"id": "b"}\n')
    result = runner.invoke(app, ["classify", str(tips)])
    assert result.exit_code == 1
    assert "line 2" in result.stderr
    assert json.loads(result.stdout.splitlines()[0])["id"] == "a"


@pytest.fixture
def audited_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path}/audit.db"
    monkeypatch.setenv("TIPLINE_DATABASE_URL", url)
    get_settings.cache_clear()
    assert runner.invoke(app, ["migrate"]).exit_code == 0
    engine = make_engine(url)
    with transaction(make_session_factory(engine)) as session:
        audit.append(session, [audit.NewAuditEvent(f"tip_{n}", "ingest", "received", "ingest") for n in range(3)])
    engine.dispose()
    yield url
    get_settings.cache_clear()


def test_audit_verify_exits_non_zero_and_names_the_first_bad_link(audited_db: str) -> None:
    assert runner.invoke(app, ["audit", "verify"]).exit_code == 0
    engine = make_engine(audited_db)
    with engine.begin() as connection:
        connection.execute(text("UPDATE audit_events SET actor = 'someone' WHERE seq = 2"))
    engine.dispose()
    result = runner.invoke(app, ["audit", "verify"])
    assert result.exit_code == 1
    assert "event 2" in result.stdout


def test_audit_trace_shows_a_subjects_events(audited_db: str) -> None:
    result = runner.invoke(app, ["audit", "trace", "tip_1"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "received" in result.stdout
    assert runner.invoke(app, ["audit", "trace", "tip_missing"]).exit_code == 1


def test_registry_check_reports_coverage_and_refuses_a_broken_file(tmp_path: Path) -> None:
    ok = runner.invoke(app, ["registry", "check"])
    assert ok.exit_code == 0
    assert "342" in ok.stdout
    broken = tmp_path / "registry.json"
    broken.write_text(
        '{"schema_version": 1, "teams": [{"id": "x.y", "name": "Y", "unit_code": "RE99", "district": "x", "municipalities": []}], "accounts": []}'
    )
    refused = runner.invoke(app, ["registry", "check", str(broken)])
    assert refused.exit_code == 1
    assert "RE99" in refused.stderr


@pytest.mark.parametrize(
    "fixture", sorted(str(p.relative_to(FIXTURES.parent)) for p in FIXTURES.parent.glob("*/*.json")), ids=str
)
def test_normalize_reads_every_platform_fixture(fixture: str) -> None:
    platform = fixture.split("/", maxsplit=1)[0]
    result = runner.invoke(app, ["normalize", "--platform", platform, str(FIXTURES.parent / fixture)])
    assert result.exit_code in (0, 2), result.output  # 2: a fixture that is meant to be refused
    for line in result.stdout.splitlines():
        record = json.loads(line)
        assert record["platform_message_id"]
        assert record["created_at"].endswith("Z")
        assert record["event"] in {"new", "edit", "delete"}
        assert record["event"] != "delete" or record["text"] is None


def test_audit_checkpoint_export_and_purge_commands(audited_db: str, tmp_path: Path) -> None:
    checkpoints = tmp_path / "checkpoints.jsonl"
    assert runner.invoke(app, ["audit", "checkpoint", "--out", str(checkpoints)]).exit_code == 0
    verified = runner.invoke(app, ["audit", "verify", "--checkpoints", str(checkpoints)])
    assert verified.exit_code == 0, verified.output
    assert "1 checkpoints hold" in verified.stdout
    out = tmp_path / "export"
    assert runner.invoke(app, ["audit", "export", "--out", str(out)]).exit_code == 0
    assert runner.invoke(app, ["audit", "verify-export", str(out)]).stdout.strip() == "export verified"
    purged = runner.invoke(app, ["purge", "--dry-run"])
    assert purged.exit_code == 0
    assert "raw_payloads" in purged.stdout
    assert len(runner.invoke(app, ["audit", "public-key"]).stdout.strip()) == 44
