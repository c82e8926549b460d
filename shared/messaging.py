"""Publishing: asking another service for work by task name, and handing tickets to desks.

Both go through the Celery app's producer pool, so they share its connection, its publisher
confirms and its retry policy. Desk queues are declared (idempotently, cached per connection)
before the first publish to them, because a topic exchange silently drops a message that no
queue is bound for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from celery import Celery

from shared.topology import REFERRAL_EXCHANGE, desk_queue, desk_queues, routing_key_for_queue


class Publisher(Protocol):
    """What the services need from the broker."""

    def send_task(self, name: str, payload: Mapping[str, Any]) -> None:
        """Ask the service that owns task ``name`` to handle ``payload``."""

    def publish_to_desks(self, body: Mapping[str, Any], queues: Sequence[str], headers: Mapping[str, str]) -> None:
        """Put a ticket on each desk queue in ``queues``."""

    def declare_desk_queues(self, team_routing_keys: Iterable[str]) -> list[str]:
        """Declare every team queue and the emergency and review queues; return their names."""


class CeleryPublisher:
    """The real publisher: Celery for tasks, kombu for the desk queues."""

    def __init__(self, app: Celery, delivery_limit: int = 10) -> None:
        self._app = app
        self._delivery_limit = delivery_limit

    def send_task(self, name: str, payload: Mapping[str, Any]) -> None:
        """Publish a task message and wait for the broker's confirm."""
        self._app.send_task(name, kwargs={"payload": dict(payload)}, retry=True)

    def declare_desk_queues(self, team_routing_keys: Iterable[str]) -> list[str]:
        """Declare every team queue and the emergency and review queues; return their names.

        Done when the referral service starts, so desks can attach to their queue before the
        first ticket for it exists.
        """
        queues = desk_queues(team_routing_keys, self._delivery_limit)
        with self._app.connection_for_write() as connection:
            for queue in queues:
                queue(connection.default_channel).declare()
        return [queue.name for queue in queues]

    def publish_to_desks(self, body: Mapping[str, Any], queues: Sequence[str], headers: Mapping[str, str]) -> None:
        """Publish a persistent ticket message to every queue, each confirmed by the broker."""
        with self._app.producer_or_acquire() as producer:
            for queue in queues:
                routing_key = routing_key_for_queue(queue)
                producer.publish(
                    dict(body),
                    exchange=REFERRAL_EXCHANGE,
                    routing_key=routing_key,
                    serializer="json",
                    delivery_mode="persistent",
                    headers=dict(headers),
                    declare=[desk_queue(queue, routing_key, self._delivery_limit)],
                    retry=True,
                )
