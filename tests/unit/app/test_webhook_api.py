"""The webhook endpoint's answers when input or storage is bad (storage on SQLite here)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.app.server import create_app
from services.ingest.signatures import sign_meta
from shared.runtime import Runtime, build_runtime
from shared.settings import Settings
from shared.storage.db import migrate

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "facebook" / "feed_comment_add.json"
SECRET = "unit-test-secret"


def _runtime(tmp_path: Path, *, migrated: bool, max_body: int = 3_000_000) -> Runtime:
    settings = Settings(database_url=f"sqlite:///{tmp_path}/t.db", meta_app_secret=SECRET, max_body_bytes=max_body)
    runtime = build_runtime(settings)
    if migrated:
        migrate(runtime.engine)
    return runtime


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    runtime = _runtime(tmp_path, migrated=True, max_body=4096)
    with TestClient(create_app(runtime, run_relay=False)) as test_client:
        yield test_client
    runtime.close()


def _post(client: TestClient, body: bytes) -> object:
    return client.post("/webhooks/facebook", content=body, headers={"X-Hub-Signature-256": sign_meta(body, SECRET)})


def test_a_signed_delivery_is_stored(client: TestClient) -> None:
    response = client.post(
        "/webhooks/facebook",
        content=FIXTURE.read_bytes(),
        headers={"X-Hub-Signature-256": sign_meta(FIXTURE.read_bytes(), SECRET)},
    )
    assert response.status_code == 200
    assert response.json()["new"] == 1


def test_an_oversized_body_is_refused_before_it_is_read_whole(client: TestClient) -> None:
    response = client.post("/webhooks/facebook", content=b"{" + b" " * 5000 + b"}")
    assert response.status_code == 413
    assert "limit" in response.json()["reason"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"\xff\xfe not utf-8", 400),
        (b"[1, 2, 3]", 400),
        (b"[" * 200 + b"]" * 200, 400),
        (b'{"object": "instagram", "entry": []}', 422),
    ],
)
def test_bad_bodies_get_a_clear_4xx(client: TestClient, body: bytes, status: int) -> None:
    response = client.post("/webhooks/facebook", content=body, headers={"X-Hub-Signature-256": sign_meta(body, SECRET)})
    assert response.status_code == status
    assert response.json()["reason"]


def test_a_store_that_is_down_gets_503_so_the_platform_retries(tmp_path: Path) -> None:
    runtime = _runtime(tmp_path, migrated=False)  # no tables: every write fails
    body = FIXTURE.read_bytes()
    with TestClient(create_app(runtime, run_relay=False), raise_server_exceptions=False) as client:
        response = client.post(
            "/webhooks/facebook", content=body, headers={"X-Hub-Signature-256": sign_meta(body, SECRET)}
        )
    runtime.close()
    assert response.status_code == 503
    assert response.json()["error"] == "unavailable"
