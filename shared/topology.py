"""The messaging topology, declared once as data: exchanges, queues, routing keys, task names.

Producers and consumers both import this module; the services call each other by task name
and never import one another.

- ``tipline.tasks`` (topic): one quorum queue per service stage for Celery tasks.
- ``tipline.referrals`` (topic): tickets for desks, routing key ``team.<unit>.<team>``, one
  durable queue per team, plus the ``tipline.emergency`` and ``tipline.review`` queues.
- ``tipline.dead`` (fanout): where a message goes, with its reason, when it cannot be handled:
  explicitly after bounded retries, or by the broker when a worker keeps dying on it
  (quorum queues' delivery limit) or it is rejected.
"""

from __future__ import annotations

from collections.abc import Iterable

from kombu import Exchange, Queue

# Topic, not direct, although each key names one queue: RabbitMQ-native delayed delivery (how
# Celery schedules retries with quorum queues) only binds topic exchanges.
TASK_EXCHANGE = Exchange("tipline.tasks", type="topic", durable=True)
REFERRAL_EXCHANGE = Exchange("tipline.referrals", type="topic", durable=True)
DEAD_LETTER_EXCHANGE = Exchange("tipline.dead", type="fanout", durable=True)

INGEST_QUEUE = "tipline.ingest"
CLASSIFY_QUEUE = "tipline.classify"
REFERRAL_QUEUE = "tipline.referral"
EMERGENCY_QUEUE = "tipline.emergency"
REVIEW_QUEUE = "tipline.review"
DEAD_LETTER_QUEUE = "tipline.dead-letter"

EMERGENCY_ROUTING_KEY = "emergency"
REVIEW_ROUTING_KEY = "review"
TEAM_ROUTING_PREFIX = "team."

# Task names: the only way one service asks another for work.
IMPORT_TIPS_TASK = "tipline.ingest.import_tips"
FETCH_CONTENT_TASK = "tipline.ingest.fetch_content"
CLASSIFY_TIPS_TASK = "tipline.classify.classify_tips"
ROUTE_TIPS_TASK = "tipline.referral.route_tips"
WITHDRAW_TIPS_TASK = "tipline.referral.withdraw_tips"
ESCALATE_OVERDUE_TASK = "tipline.referral.escalate_overdue"
AUDIT_CHECKPOINT_TASK = "tipline.referral.audit_checkpoint"

TASK_QUEUES: dict[str, str] = {
    IMPORT_TIPS_TASK: INGEST_QUEUE,
    FETCH_CONTENT_TASK: INGEST_QUEUE,
    CLASSIFY_TIPS_TASK: CLASSIFY_QUEUE,
    ROUTE_TIPS_TASK: REFERRAL_QUEUE,
    WITHDRAW_TIPS_TASK: REFERRAL_QUEUE,
    ESCALATE_OVERDUE_TASK: REFERRAL_QUEUE,
    AUDIT_CHECKPOINT_TASK: REFERRAL_QUEUE,
}

SERVICE_QUEUES: dict[str, str] = {
    "ingest": INGEST_QUEUE,
    "classify": CLASSIFY_QUEUE,
    "referral": REFERRAL_QUEUE,
}


def _quorum_arguments(delivery_limit: int) -> dict[str, object]:
    # A quorum queue dead-letters a message redelivered more than `delivery_limit` times,
    # so a message that crashes its worker cannot loop for ever.
    return {
        "x-queue-type": "quorum",
        "x-dead-letter-exchange": DEAD_LETTER_EXCHANGE.name,
        "x-delivery-limit": delivery_limit,
    }


def stage_queue(name: str, delivery_limit: int = 10) -> Queue:
    """The durable quorum queue that feeds one service's Celery worker."""
    return Queue(
        name,
        exchange=TASK_EXCHANGE,
        routing_key=name,
        durable=True,
        queue_arguments={**_quorum_arguments(delivery_limit), "x-dead-letter-routing-key": name},
    )


def stage_queues(delivery_limit: int = 10) -> list[Queue]:
    """Every service stage's queue."""
    return [stage_queue(name, delivery_limit) for name in SERVICE_QUEUES.values()]


def team_routing_key(unit_code: str, team: str) -> str:
    """The routing key (and queue name) of a district team: ``team.<unit>.<team>``."""
    return f"{TEAM_ROUTING_PREFIX}{unit_code.lower()}.{team}"


def desk_queue(name: str, routing_key: str, delivery_limit: int = 10) -> Queue:
    """A durable queue on the referrals exchange that a desk's system consumes."""
    return Queue(
        name,
        exchange=REFERRAL_EXCHANGE,
        routing_key=routing_key,
        durable=True,
        queue_arguments={**_quorum_arguments(delivery_limit), "x-dead-letter-routing-key": name},
    )


def desk_queues(team_routing_keys: Iterable[str], delivery_limit: int = 10) -> list[Queue]:
    """Team queues (named after their routing key) plus the emergency and review queues."""
    queues = [desk_queue(key, key, delivery_limit) for key in sorted(set(team_routing_keys))]
    queues.append(desk_queue(EMERGENCY_QUEUE, EMERGENCY_ROUTING_KEY, delivery_limit))
    queues.append(desk_queue(REVIEW_QUEUE, REVIEW_ROUTING_KEY, delivery_limit))
    return queues


def routing_key_for_queue(queue: str) -> str:
    """The routing key that delivers to a desk queue named by a routing decision."""
    return {EMERGENCY_QUEUE: EMERGENCY_ROUTING_KEY, REVIEW_QUEUE: REVIEW_ROUTING_KEY}.get(queue, queue)


def dead_letter_queue() -> Queue:
    """Catches every dead-lettered message, whatever queue it came from."""
    return Queue(
        DEAD_LETTER_QUEUE,
        exchange=DEAD_LETTER_EXCHANGE,
        durable=True,
        queue_arguments={"x-queue-type": "quorum"},
    )
