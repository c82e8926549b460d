"""Publishing: asking another service for work by task name, and handing tickets to desks.

Tasks go through the Celery app's producer pool (one confirmed message per batch of tips).
Tickets go through a dedicated connection whose channel confirms a whole batch at once. Desk
queues are declared (idempotently, cached per connection) before the first publish to them,
because a topic exchange silently drops a message that no queue is bound for.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from celery import Celery
from kombu import Connection, Producer

from shared.errors import RetryableError
from shared.topology import REFERRAL_EXCHANGE, desk_queue, desk_queues, routing_key_for_queue

PERSISTENT_DELIVERY_MODE = 2  # AMQP: the broker writes the message to disk


@dataclass(frozen=True, slots=True)
class DeskMessage:
    """One ticket and the desk queues it goes to."""

    body: Mapping[str, Any]
    queues: Sequence[str]
    headers: Mapping[str, str]


class Publisher(Protocol):
    """What the services need from the broker."""

    def send_task(self, name: str, payload: Mapping[str, Any]) -> None:
        """Ask the service that owns task ``name`` to handle ``payload``."""

    def publish_to_desks(self, tickets: Sequence[DeskMessage]) -> None:
        """Put each ticket on each of its desk queues; return once the broker has them all."""

    def declare_desk_queues(self, team_routing_keys: Iterable[str]) -> list[str]:
        """Declare every team queue and the emergency and review queues; return their names."""


class CeleryPublisher:
    """The real publisher: Celery for tasks, kombu for the desk queues."""

    def __init__(self, app: Celery, delivery_limit: int = 10) -> None:
        self._app = app
        self._delivery_limit = delivery_limit
        self._desk_connection: Connection | None = None
        self._lock = threading.Lock()

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

    def publish_to_desks(self, tickets: Sequence[DeskMessage]) -> None:
        """Publish every ticket to its queues; wait once for the broker to confirm them all."""
        with self._lock:
            if self._desk_connection is None:
                self._desk_connection = Connection(self._app.conf.broker_url, transport_options={})
            try:
                _publish_confirmed(self._desk_connection, tickets, self._delivery_limit)
            except Exception:
                # A broken connection is rebuilt on the next call; the caller retries the batch.
                self._desk_connection.release()
                self._desk_connection = None
                raise


def _publish_confirmed(connection: Connection, tickets: Sequence[DeskMessage], delivery_limit: int) -> None:
    """Publish on a channel in confirm mode without waiting per message, then await every ack.

    One round trip per batch instead of one per message: waiting for each confirm in turn
    made publishing most of the referral stage's time.
    """
    channel = connection.default_channel
    producer = Producer(channel, exchange=REFERRAL_EXCHANGE, serializer="json")
    tracker = _ConfirmTracker.attach(channel)
    for ticket in tickets:
        for queue in ticket.queues:
            routing_key = routing_key_for_queue(queue)
            producer.publish(
                dict(ticket.body),
                routing_key=routing_key,
                delivery_mode=PERSISTENT_DELIVERY_MODE,
                headers=dict(ticket.headers),
                declare=[desk_queue(queue, routing_key, delivery_limit)],
            )
            tracker.sent()
    tracker.wait(connection)


class _ConfirmTracker:
    """Tracks a confirm-mode channel's unconfirmed delivery tags (py-amqp reports acks as events)."""

    def __init__(self, confirming: bool) -> None:
        self.confirming = confirming
        self.last_tag = 0
        self.outstanding: set[int] = set()
        self.nacked = False

    @classmethod
    def attach(cls, channel: Any) -> _ConfirmTracker:
        tracker: _ConfirmTracker | None = getattr(channel, "_tipline_confirms", None)
        if tracker is None:
            # AMQP channels confirm; the in-memory transport of the demo has nothing to confirm.
            tracker = cls(confirming=hasattr(channel, "confirm_select"))
            if tracker.confirming:
                channel.confirm_select()
                channel.events["basic_ack"].add(tracker.on_ack)
                channel.events["basic_nack"].add(tracker.on_nack)
            channel._tipline_confirms = tracker
        return tracker

    def sent(self) -> None:
        self.last_tag += 1
        if self.confirming:
            self.outstanding.add(self.last_tag)

    def _settle(self, delivery_tag: int, multiple: bool) -> None:
        if multiple:
            self.outstanding = {tag for tag in self.outstanding if tag > delivery_tag}
        else:
            self.outstanding.discard(delivery_tag)

    def on_ack(self, delivery_tag: int, multiple: bool) -> None:
        self._settle(delivery_tag, multiple)

    def on_nack(self, delivery_tag: int, multiple: bool) -> None:
        self.nacked = True
        self._settle(delivery_tag, multiple)

    def wait(self, connection: Connection, timeout: float = 30.0) -> None:
        """Return when every message sent so far is confirmed; raise RetryableError otherwise."""
        deadline = time.monotonic() + timeout
        while self.outstanding and not self.nacked:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise RetryableError(f"{len(self.outstanding)} ticket messages not confirmed in {timeout:.0f}s")
            connection.drain_events(timeout=remaining)
        if self.nacked:
            self.nacked = False
            self.outstanding.clear()
            raise RetryableError("the broker refused (nacked) a ticket message")
