"""The auditor's tools: export with a signed checkpoint verified independently, and the audit API."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.app.auditing import export, verify_export
from services.app.server import create_app
from shared import audit
from shared.runtime import Runtime, build_runtime
from shared.settings import DeskToken, Settings
from shared.storage.db import migrate, transaction

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture
def runtime(tmp_path: Path) -> Iterator[Runtime]:
    tokens = {"audit-token": DeskToken(actor="auditor-1"), "desk-token": DeskToken(actor="d", desk="team.re02.x.y")}
    runtime = build_runtime(Settings(database_url=f"sqlite:///{tmp_path}/a.db", desk_tokens=tokens))
    migrate(runtime.engine)
    for n in range(4):
        with transaction(runtime.sessions) as session:
            audit.append(session, [audit.NewAuditEvent(f"tip_{n % 2}", "ingest", "received", "ingest", {"n": n})])
    yield runtime
    runtime.close()


def test_an_export_verifies_on_its_own_and_any_edit_breaks_it(runtime: Runtime, tmp_path: Path) -> None:
    out = tmp_path / "export"
    assert export(runtime, out, None, None)["events"] == 4
    assert verify_export(out) is None
    assert (out / "events.csv").read_text().count("\n") == 5
    lines = (out / "events.jsonl").read_text().splitlines()
    edited = json.loads(lines[1])
    edited["action"] = "ignored"
    (out / "events.jsonl").write_text("\n".join([lines[0], json.dumps(edited), *lines[2:]]) + "\n")
    assert verify_export(out) == "event 2: hash does not match its content"
    (out / "events.jsonl").write_text("\n".join(lines[:-1]) + "\n")  # the signed last event cut off
    assert verify_export(out) == "the last event is not the one the checkpoint signed"


def test_the_audit_api_is_for_auditors(runtime: Runtime) -> None:
    with TestClient(create_app(runtime, run_relay=False)) as client:
        trace = client.get("/audit/trace/tip_1", headers={"Authorization": "Bearer audit-token"})
        verify = client.get("/audit/verify", headers={"Authorization": "Bearer audit-token"})
        refused = client.get("/audit/verify", headers={"Authorization": "Bearer desk-token"})
        missing = client.get("/audit/trace/tip_9", headers={"Authorization": "Bearer audit-token"})
    assert [event["seq"] for event in trace.json()] == [2, 4]
    assert verify.json()["ok"] is True
    assert refused.status_code == 403
    assert missing.status_code == 404
