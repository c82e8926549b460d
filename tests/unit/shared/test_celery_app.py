"""The task base's pure parts: backoff and what counts as retryable."""

from __future__ import annotations

from sqlalchemy.exc import OperationalError

from shared.celery_app import backoff_seconds, make_celery
from shared.errors import PermanentError, RetryableError, is_retryable
from shared.settings import Settings
from shared.topology import CLASSIFY_QUEUE, CLASSIFY_TIPS_TASK


def test_backoff_doubles_and_is_capped() -> None:
    assert [backoff_seconds(n, 10) for n in range(6)] == [1, 2, 4, 8, 10, 10]


def test_lost_connections_are_retried_and_bad_input_is_not() -> None:
    assert is_retryable(RetryableError("broker away"))
    assert is_retryable(OperationalError("SELECT 1", {}, Exception("connection refused")))
    assert not is_retryable(PermanentError("contract violated"))
    assert not is_retryable(KeyError("bug"))


def test_the_app_carries_the_reliability_policy() -> None:
    conf = make_celery(Settings(broker_url="memory://localhost/", task_max_retries=3)).conf
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.task_acks_on_failure_or_timeout is False
    assert conf.broker_transport_options["confirm_publish"] is True
    assert conf.task_routes[CLASSIFY_TIPS_TASK]["queue"] == CLASSIFY_QUEUE
    queue = next(q for q in conf.task_queues if q.name == CLASSIFY_QUEUE)
    assert queue.queue_arguments["x-queue-type"] == "quorum"
    assert queue.queue_arguments["x-dead-letter-exchange"] == "tipline.dead"
