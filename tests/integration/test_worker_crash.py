"""Workers killed with SIGKILL mid-work lose no tip and duplicate no ticket."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from importlib import resources

import pytest
from sqlalchemy import select

from services.ingest.importer import parse_import_line
from services.ingest.normalized import NormalizedBatch
from services.ingest.service import IngestService
from shared import audit
from shared.storage.models import ClassificationRow, ReferralRow, ReferralTipRow, TipRow
from shared.topology import EMERGENCY_QUEUE, REVIEW_QUEUE
from tests.support.stack import Stack, wait_for

pytestmark = pytest.mark.integration

COPIES = 50


def _sample_tips() -> NormalizedBatch:
    lines = resources.files("services.app.demo_data").joinpath("import_tips.jsonl").read_text().splitlines()
    now = datetime.now(UTC)
    tips = []
    for copy in range(COPIES):
        for line_no, line in enumerate(lines, 1):
            record = json.loads(line)
            record["id"] = f"{record['id']}-{copy}"
            tips.append(parse_import_line(json.dumps(record), line_no=line_no, ingested_at=now))
    return NormalizedBatch(tips=tuple(tips))


def _all_desk_messages(stack: Stack) -> list[dict[str, object]]:
    with stack.sessions() as session:
        queues = {q for (value,) in session.execute(select(ReferralRow.queues)) for q in value["queues"]}
    messages: list[dict[str, object]] = []
    for queue in queues | {EMERGENCY_QUEUE, REVIEW_QUEUE}:
        messages.extend(stack.drain(queue))
    return messages


def test_sigkilled_workers_lose_nothing_and_duplicate_nothing(stack: Stack) -> None:
    batch = _sample_tips()
    total = len(batch.tips)
    IngestService(stack.sessions).store(batch, raw=None)
    stack.env["TIPLINE_RELAY_BATCH_SIZE"] = "5"
    stack.start_server()  # its relay forwards the stored tips in batches of five

    stack.start("classify", "worker", "classify")
    wait_for(lambda: stack.count(ClassificationRow) >= total // 5, timeout=60, what="classify to be under way")
    stack.kill("classify")
    assert stack.count(ClassificationRow) < total, "classify finished before it could be killed mid-work"
    stack.start("classify", "worker", "classify")
    wait_for(lambda: stack.count(ClassificationRow) == total, timeout=120, what="classify to finish")

    stack.start("referral", "worker", "referral")
    wait_for(lambda: stack.count(TipRow, TipRow.outcome.is_not(None)) >= total // 5, timeout=60, what="referral")
    stack.kill("referral")
    assert stack.count(TipRow, TipRow.outcome.is_not(None)) < total, "referral finished before it was killed"
    stack.start("referral", "worker", "referral")
    wait_for(
        lambda: (
            stack.count(TipRow, TipRow.outcome.is_not(None)) == total
            and stack.count(ReferralRow, ReferralRow.published_at.is_(None)) == 0
        ),
        timeout=120,
        what="every tip to have an outcome",
    )

    referred = stack.count(TipRow, TipRow.outcome.in_(["referred", "review"]))
    assert referred > 0
    assert stack.count(ReferralTipRow) == referred  # every referred tip on exactly one ticket
    with stack.sessions() as session:
        on_tickets = [t for (data,) in session.execute(select(ReferralRow.data)) for t in data["tip_ids"]]
    assert len(on_tickets) == len(set(on_tickets)) == referred  # repeated reports merged, none twice
    delivered = Counter(str(message["referral_id"]) for message in _all_desk_messages(stack))
    with stack.sessions() as session:
        stored = set(session.execute(select(ReferralRow.referral_id)).scalars())
        assert audit.verify(session).ok
    assert set(delivered) == stored  # every ticket reached a desk queue, and no ticket exists twice
