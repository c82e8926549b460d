"""End-to-end benchmark: signed webhook POSTs in, tickets on desk queues out, real services.

Starts the webhook server and the classify and referral workers as separate processes on a
private PostgreSQL schema and RabbitMQ vhost, posts N tips as Facebook webhook deliveries (each
POST batching several messages, as Meta does under load), waits until every tip has its outcome
and every ticket is published, and prints throughput, latency and lost/duplicate counts.

    uv run python bench/pipeline.py --tips 3000 --per-post 10 --clients 8
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from functools import partial
from pathlib import Path

import httpx
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from services.ingest.signatures import sign_meta
from shared.reference import load_reference
from shared.storage.models import AuditEventRow, ReferralRow, ReferralTipRow, TipRow
from tests.support.stack import META_SECRET, Stack, running_stack, wait_for

PAGE = "104857600123456"


# Every municipality: a day's tips come from all over the country, so few are the same incident.
TOWNS = sorted(m.name for m in load_reference().municipalities.values())
STREETS = [
    f"{tree}{kind}"
    for tree in ("Berken", "Eiken", "Linden", "Kastanje", "Wilgen", "Populieren", "Esdoorn", "Iepen")
    for kind in ("laan", "straat", "weg", "plein", "hof")
]
TEMPLATES = [
    "Vannacht is in {town} aan de {street} ingebroken bij nummer {n}, de achterdeur is opengebroken",
    "Elke ochtend staan er auto's op de stoep bij de school aan de {street} in {town}, kenteken {plate}",
    "Al een uur rijdt een witte bus met kenteken {plate} langzaam door de {street} in {town}, ze kijken in tuinen",
    "Bij het winkelcentrum in {town} wordt elke avond gedeald vanuit een zwarte auto {plate}",
    "haha die agent op het einde 😂 {n}",
    "Mijn fiets is vanochtend gestolen bij het station in {town}, blauwe Gazelle nummer {n}",
    "Hoe word ik eigenlijk agent in {town}? vraag {n}",
    "Jongeren steken elke avond vuurwerk af op het plein aan de {street} in {town}, ruiten kapot",
]
LETTERS = "BDFGHJKLNPRSTVXZ"


def sample_text(n: int) -> str:
    """A varied, realistic tip: reports of one incident are rare, as on a normal day."""
    plate = f"{LETTERS[n % 16]}{LETTERS[(n // 16) % 16]}-{n % 1000:03d}-{LETTERS[(n // 256) % 16]}"
    town, street = TOWNS[n % len(TOWNS)], STREETS[(n // len(TEMPLATES)) % len(STREETS)]
    return TEMPLATES[n % len(TEMPLATES)].format(town=town, street=street, n=n, plate=plate)


def webhook_bodies(tips: int, per_post: int) -> list[bytes]:
    """Facebook feed deliveries, each batching ``per_post`` comments."""
    bodies = []
    for start in range(0, tips, per_post):
        changes = [
            {
                "field": "feed",
                "value": {
                    "from": {"id": f"81{n:014d}"},
                    "post_id": f"{PAGE}_1",
                    "comment_id": f"1_{n}",
                    "parent_id": f"{PAGE}_1",
                    "created_time": 1773214900 + n,
                    "item": "comment",
                    "verb": "add",
                    "message": sample_text(n),
                },
            }
            for n in range(start, min(start + per_post, tips))
        ]
        body = {"object": "page", "entry": [{"id": PAGE, "time": 1773214941, "changes": changes}]}
        bodies.append(json.dumps(body).encode())
    return bodies


def post_all(base_url: str, bodies: list[bytes], clients: int) -> list[float]:
    """POST every body with ``clients`` concurrent clients; return each request's seconds."""

    def post(body: bytes) -> float:
        started = time.perf_counter()
        response = client.post(
            base_url + "/webhooks/facebook",
            content=body,
            headers={"X-Hub-Signature-256": sign_meta(body, META_SECRET), "Content-Type": "application/json"},
        )
        response.raise_for_status()
        return time.perf_counter() - started

    with (
        httpx.Client(timeout=30, limits=httpx.Limits(max_connections=clients)) as client,
        ThreadPoolExecutor(clients) as pool,
    ):
        return list(pool.map(post, bodies))


def worker_ready(stack: Stack, name: str) -> bool:
    """Celery logs "ready." once the worker consumes."""
    return "ready." in stack.logs[name].read_text()


def settled(stack: Stack, tips: int) -> bool:
    return (
        stack.count(TipRow, TipRow.outcome.is_not(None)) >= tips
        and stack.count(ReferralRow, ReferralRow.published_at.is_(None)) == 0
    )


def end_to_end_latencies(stack: Stack) -> list[float]:
    """Seconds from a tip's arrival to its outcome (ticket published, or recorded not reportable)."""
    with stack.sessions() as session:
        arrived = dict(session.execute(select(TipRow.tip_id, TipRow.ingested_at)).all())
        done: dict[str, datetime] = {}
        published = session.execute(
            select(ReferralTipRow.tip_id, ReferralRow.published_at).join(
                ReferralRow, ReferralRow.referral_id == ReferralTipRow.referral_id
            )
        )
        done.update({tip_id: at for tip_id, at in published if at is not None})
        not_reportable = session.execute(
            select(AuditEventRow.subject, AuditEventRow.at).where(AuditEventRow.action == "not_reportable")
        )
        done.update(dict(not_reportable.all()))
    return [(done[tip] - arrived[tip]).total_seconds() for tip in arrived if tip in done]


def desk_duplicates(stack: Stack) -> tuple[int, int]:
    """(messages on desk queues, identical ticket versions delivered twice to one queue).

    A ticket that changes (a corroborating report merged in) is delivered again on purpose;
    only the same version twice is a duplicate.
    """
    with stack.sessions() as session:
        queues = {q for (value,) in session.execute(select(ReferralRow.queues)) for q in value["queues"]}
    messages = 0
    duplicates = 0
    for queue in queues:
        seen = Counter(
            (str(message["referral_id"]), len(message["tip_ids"]), str(message["status"]))
            for message in stack.drain(queue)
        )
        messages += sum(seen.values())
        duplicates += sum(count - 1 for count in seen.values())
    return messages, duplicates


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_by_group(stack: Stack) -> dict[str, float]:
    """CPU seconds used so far by each service process and by the database and broker servers."""
    groups = {name: _cpu_seconds(process.pid) for name, process in stack.processes.items()}
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            group = "postgres" if "postgres" in command else "rabbitmq" if "beam" in command else None
            if group:
                groups[group] = groups.get(group, 0.0) + _cpu_seconds(int(proc.name))
        except (OSError, ValueError):
            continue
    groups["bench client"] = _cpu_seconds(os.getpid())
    return groups


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def run(tips: int, per_post: int, clients: int, pool: str, concurrency: int, log_level: str = "WARNING") -> None:
    with running_stack(TIPLINE_LOG_LEVEL=log_level) as stack:
        stack.start_server()
        for service in ("classify", "referral"):
            stack.start(service, "worker", service, "--pool", pool, "--concurrency", str(concurrency))
        for worker in ("classify", "referral"):
            wait_for(partial(worker_ready, stack, worker), timeout=60, what=f"the {worker} worker")
        bodies = webhook_bodies(tips, per_post)
        cpu_before = cpu_by_group(stack)
        started = time.perf_counter()
        request_seconds = post_all(stack.base_url, bodies, clients)
        accepted = time.perf_counter() - started
        wait_for(lambda: settled(stack, tips), timeout=600, what="every tip to have an outcome")
        elapsed = time.perf_counter() - started
        cpu_after = cpu_by_group(stack)
        latencies = end_to_end_latencies(stack)
        with_outcome = stack.count(TipRow, TipRow.outcome.is_not(None))
        tickets = stack.count(ReferralRow)
        messages, duplicate_messages = desk_duplicates(stack)
    p50_post, p99_post = statistics.median(request_seconds) * 1000, percentile(request_seconds, 0.99) * 1000
    p50, p99 = statistics.median(latencies) * 1000, percentile(latencies, 0.99) * 1000
    print(f"tips posted             {tips} in {len(bodies)} POSTs of {per_post}, {clients} concurrent clients")
    print(f"workers                 classify and referral, pool {pool}, concurrency {concurrency} each")
    print(f"webhook acceptance      {tips / accepted:,.0f} tips/s (POST p50 {p50_post:.1f} ms, p99 {p99_post:.1f} ms)")
    print(f"end to end              {tips / elapsed:,.0f} tips/s ({elapsed:.2f} s until every outcome)")
    print(f"latency arrival→outcome p50 {p50:.0f} ms, p99 {p99:.0f} ms")
    print(f"outcomes                {with_outcome} of {tips}; lost {tips - with_outcome}")
    cpu = {name: cpu_after[name] - cpu_before.get(name, 0.0) for name in cpu_after}
    print("cpu seconds             " + ", ".join(f"{name} {seconds:.1f}" for name, seconds in sorted(cpu.items())))
    print(
        f"tickets                 {tickets} stored, {messages} desk messages, {duplicate_messages} duplicate deliveries"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--towns", type=int, default=0, help="use only the first N towns (more merging)")
    parser.add_argument("--tips", type=int, default=3000)
    parser.add_argument("--per-post", type=int, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--pool", default="solo", help="Celery pool of each worker")
    parser.add_argument("--concurrency", type=int, default=1, help="tasks each worker runs at once")
    args = parser.parse_args()
    if args.towns:
        del TOWNS[args.towns :]
    run(args.tips, args.per_post, args.clients, args.pool, args.concurrency)


if __name__ == "__main__":
    main()
