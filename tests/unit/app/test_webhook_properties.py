"""Generated garbage at every webhook endpoint: a clear 4xx (or a stored 200), never a 5xx."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.app.server import create_app
from services.ingest.platforms.tiktok import sign_tiktok
from services.ingest.signatures import sign_meta
from shared.runtime import Runtime, build_runtime
from shared.settings import Settings
from shared.storage.db import migrate

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

SECRET = "property-secret"
SIGNED: dict[str, Callable[[bytes], dict[str, str]]] = {
    "facebook": lambda body: {"X-Hub-Signature-256": sign_meta(body, SECRET)},
    "instagram": lambda body: {"X-Hub-Signature-256": sign_meta(body, SECRET)},
    "whatsapp": lambda body: {"X-Hub-Signature-256": sign_meta(body, SECRET)},
    "x": lambda body: {
        "X-Twitter-Webhooks-Signature": "sha256="
        + base64.b64encode(hmac.new(SECRET.encode(), body, hashlib.sha256).digest()).decode()
    },
    "tiktok": lambda body: {"TikTok-Signature": sign_tiktok(body, SECRET, int(time.time()))},
    "telegram": lambda body: {"X-Telegram-Bot-Api-Secret-Token": SECRET},
}
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=25,
)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("props") / "p.db"
    settings_ = Settings(
        database_url=f"sqlite:///{path}",
        log_level="ERROR",
        meta_app_secret=SECRET,
        x_consumer_secret=SECRET,
        tiktok_client_secret=SECRET,
        telegram_secret_token=SECRET,
    )
    runtime: Runtime = build_runtime(settings_)
    migrate(runtime.engine)
    with TestClient(create_app(runtime, run_relay=False), raise_server_exceptions=False) as test_client:
        yield test_client
    runtime.close()


@pytest.mark.parametrize("platform", sorted(SIGNED))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.binary(max_size=300))
def test_signed_random_bytes_get_a_clear_answer(client: TestClient, platform: str, body: bytes) -> None:
    response = client.post(f"/webhooks/{platform}", content=body, headers=SIGNED[platform](body))
    assert response.status_code in {200, 400, 422}, response.text
    if response.status_code != 200:
        assert response.json()["reason"]


@pytest.mark.parametrize("platform", sorted(SIGNED))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=json_values)
def test_signed_random_json_never_breaks_an_endpoint(client: TestClient, platform: str, value: object) -> None:
    import json  # noqa: PLC0415

    body = json.dumps(value).encode()
    response = client.post(f"/webhooks/{platform}", content=body, headers=SIGNED[platform](body))
    assert response.status_code in {200, 400, 422}, response.text


@pytest.mark.parametrize("platform", sorted(SIGNED))
def test_unsigned_deliveries_are_refused(client: TestClient, platform: str) -> None:
    response = client.post(f"/webhooks/{platform}", content=b'{"object": "page", "entry": []}')
    assert response.status_code == 401
    assert response.json()["error"] == "MissingSignature"


def test_an_unknown_platform_is_not_found(client: TestClient) -> None:
    assert client.post("/webhooks/myspace", content=b"{}").status_code == 404


def test_a_stale_tiktok_signature_is_refused_as_a_replay(client: TestClient) -> None:
    body = b'{"event": "comment.update", "content": "{}"}'
    stale = sign_tiktok(body, SECRET, int(time.time()) - 3600)
    response = client.post("/webhooks/tiktok", content=body, headers={"TikTok-Signature": stale})
    assert response.status_code == 403
    assert "replay" in response.json()["reason"]


def test_x_answers_its_crc_challenge(client: TestClient) -> None:
    response = client.get("/webhooks/x", params={"crc_token": "challenge-123"})
    expected = base64.b64encode(hmac.new(SECRET.encode(), b"challenge-123", hashlib.sha256).digest()).decode()
    assert response.status_code == 200
    assert response.json() == {"response_token": f"sha256={expected}"}


def test_production_refuses_a_platform_left_on_its_placeholder_secret(tmp_path: Path) -> None:
    settings_ = Settings(
        environment="production",
        database_url=f"postgresql://u@127.0.0.1:1/x?dummy={tmp_path.name}",
        broker_url="amqp://u@127.0.0.1:1//",
        meta_app_secret="real",
        meta_verify_token="real",
        pseudonym_key="real",
        audit_signing_key="cHJvZHVjdGlvbi1hdWRpdC1rZXktMzItYnl0ZXMhISE=",
    )
    assert settings_.secret("telegram_secret_token") is None
    assert settings_.secret("meta_app_secret") == "real"
