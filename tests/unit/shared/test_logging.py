"""The logging safety net strips keys that could hold personal data."""

from __future__ import annotations

import json

import pytest

from shared.logging import configure_logging, get_logger
from shared.settings import Settings


def test_personal_keys_are_redacted_and_ids_kept(capfd: pytest.CaptureFixture[str]) -> None:
    configure_logging(Settings(log_format="json", log_level="INFO"))
    get_logger("test").info("tip_seen", tip_id="tip_1", text="mijn buurman deelt", author_handle="@piet", phone="0612")
    line = json.loads(capfd.readouterr().err.strip().splitlines()[-1])
    assert line["tip_id"] == "tip_1"
    assert line["event"] == "tip_seen"
    assert line["text"] == line["author_handle"] == line["phone"] == "[redacted]"


def test_production_refuses_placeholder_secrets() -> None:
    with pytest.raises(ValueError, match="TIPLINE_META_APP_SECRET"):
        Settings(environment="production", database_url="postgresql://db/x", broker_url="amqp://mq//")
