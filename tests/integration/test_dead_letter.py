"""A message no worker can handle is dead-lettered with its reason, and the worker carries on."""

from __future__ import annotations

from typing import Any

import pytest
from kombu import Connection

from shared.celery_app import make_celery
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


def test_an_invalid_task_payload_is_dead_lettered_with_its_reason(stack: Stack) -> None:
    stack.start("classify", "worker", "classify")
    app = make_celery(Settings(broker_url=stack.broker_url))
    app.send_task(CLASSIFY_TIPS_TASK, kwargs={"payload": {"tips": [{"tip_id": "x"}]}})

    letters: list[tuple[dict[str, Any], dict[str, Any]]] = []

    def arrived() -> bool:
        letters.extend(_dead_letters(stack))
        return bool(letters)

    wait_for(arrived, timeout=60, what="a dead letter")
    body, headers = letters[0]
    assert body["task"] == CLASSIFY_TIPS_TASK
    assert body["error_type"] == "ValidationError"
    assert "tips.0" in str(body["reason"])
    assert headers["x-tipline-task"] == CLASSIFY_TIPS_TASK
    assert stack.count(TipRow) == 0
    assert stack.processes["classify"].poll() is None  # the worker is still running
