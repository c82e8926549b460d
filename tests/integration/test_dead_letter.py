"""A message no worker can handle is dead-lettered with its reason, and the worker carries on."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from kombu import Connection

from shared.celery_app import make_celery
from shared.contracts import Platform, Source, Tip, TipBatch, TipKind, tip_id_for
from shared.settings import Settings
from shared.storage.models import TipRow
from shared.topology import CLASSIFY_TIPS_TASK, dead_letter_queue
from tests.support.stack import Stack, wait_for

pytestmark = pytest.mark.integration


def _dead_letters(stack: Stack) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    with Connection(stack.broker_url) as connection:
        bound = dead_letter_queue()(connection.default_channel)
        bound.declare()
        found: list[tuple[dict[str, Any], dict[str, Any]]] = []
        while (message := bound.get(no_ack=True)) is not None:
            found.append((message.decode(), dict(message.headers)))
        return found


def _first_dead_letter(stack: Stack, timeout: float) -> tuple[dict[str, Any], dict[str, Any]]:
    letters: list[tuple[dict[str, Any], dict[str, Any]]] = []

    def arrived() -> bool:
        letters.extend(_dead_letters(stack))
        return bool(letters)

    wait_for(arrived, timeout=timeout, what="a dead letter")
    return letters[0]


def test_an_invalid_task_payload_is_dead_lettered_with_its_reason(stack: Stack) -> None:
    stack.start("classify", "worker", "classify")
    app = make_celery(Settings(broker_url=stack.broker_url))
    app.send_task(CLASSIFY_TIPS_TASK, kwargs={"payload": {"tips": [{"tip_id": "x"}]}})

    body, headers = _first_dead_letter(stack, timeout=60)
    assert body["task"] == CLASSIFY_TIPS_TASK
    assert body["error_type"] == "ValidationError"
    assert "tips.0" in str(body["reason"])
    assert headers["x-tipline-task"] == CLASSIFY_TIPS_TASK
    assert stack.count(TipRow) == 0
    assert stack.processes["classify"].poll() is None  # the worker is still running


def test_a_database_outage_is_retried_with_backoff_then_dead_lettered(stack: Stack) -> None:
    stack.env["TIPLINE_DATABASE_URL"] = "postgresql://postgres@127.0.0.1:1/test"  # nothing listens there
    stack.env["TIPLINE_TASK_MAX_RETRIES"] = "2"
    stack.start("classify", "worker", "classify")
    app = make_celery(Settings(broker_url=stack.broker_url))
    app.send_task(CLASSIFY_TIPS_TASK, kwargs={"payload": json.loads(TipBatch(tips=(_tip(),)).model_dump_json())})

    body, _ = _first_dead_letter(stack, timeout=90)
    assert body["error_type"] == "OperationalError"
    assert body["retries"] == 2
    log = stack.logs["classify"].read_text()
    assert log.count('"task_retry"') == 2


def _tip() -> Tip:
    now = datetime.now(UTC)
    return Tip(
        tip_id=tip_id_for("x", "1"),
        platform=Platform.X,
        platform_message_id="1",
        kind=TipKind.POST,
        received_on="@politie",
        text="er staat een auto op de stoep",
        created_at=now,
        source=Source.IMPORT,
        ingested_at=now,
    )
