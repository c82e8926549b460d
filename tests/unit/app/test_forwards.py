"""Webcare forwards: authenticated, deduplicated against the platform's own delivery, noted."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from services.app.server import create_app
from shared.runtime import Runtime, build_runtime
from shared.settings import Settings
from shared.storage.db import migrate
from shared.storage.models import AuditEventRow, ForwardRow, TipRow

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

BODY = {
    "platform": "instagram",
    "platform_message_id": "aWdfbWVzc2FnZV9pdGVtOjE",
    "account": "17841400000012345",
    "text": "Screenshot: 'ik verkoop je een blaffer, 500 euro, ophalen bij station Ede'",
    "note": "Doorgestuurd door burger via DM, screenshot bijgevoegd",
}


@pytest.fixture
def runtime(tmp_path: Path) -> Iterator[Runtime]:
    settings = Settings(database_url=f"sqlite:///{tmp_path}/f.db", webcare_tokens={"agent-7": "s3cret-token"})
    runtime = build_runtime(settings)
    migrate(runtime.engine)
    yield runtime
    runtime.close()


def _client(runtime: Runtime) -> TestClient:
    return TestClient(create_app(runtime, run_relay=False))


def test_an_agent_forwards_a_message_with_a_note(runtime: Runtime) -> None:
    with _client(runtime) as client:
        first = client.post("/forwards", json=BODY, headers={"Authorization": "Bearer s3cret-token"})
        again = client.post("/forwards", json=BODY, headers={"Authorization": "Bearer s3cret-token"})
    assert first.status_code == 201
    assert first.json()["status"] == "stored"
    assert again.json() == {"tip_id": first.json()["tip_id"], "status": "already_known"}
    with runtime.sessions() as session:
        tip = session.execute(select(TipRow)).scalar_one()
        note = session.execute(select(ForwardRow)).scalar_one()
        actions = list(session.execute(select(AuditEventRow.action)).scalars())
    assert tip.source == "forward"
    assert tip.received_on == "17841400000012345"
    assert (note.agent, note.note) == ("agent-7", BODY["note"])
    assert actions == ["received", "forwarded"]


@pytest.mark.parametrize("header", [None, "Bearer wrong", "s3cret"])
def test_forwards_need_a_valid_token(runtime: Runtime, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    with _client(runtime) as client:
        response = client.post("/forwards", json=BODY, headers=headers)
    assert response.status_code == 401
    with runtime.sessions() as session:
        assert session.execute(select(TipRow)).first() is None


def test_a_forward_without_the_required_fields_is_refused(runtime: Runtime) -> None:
    with _client(runtime) as client:
        response = client.post("/forwards", json={"text": "x"}, headers={"Authorization": "Bearer s3cret-token"})
    assert response.status_code == 422
