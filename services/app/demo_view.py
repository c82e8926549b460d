"""How the demo and ``tipline audit trace`` show their results to a person."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from services.app.demo import DemoReport
from shared.contracts import AuditEvent
from shared.settings import Settings


def render_trace(console: Console, subject: str, events: list[AuditEvent]) -> None:
    """A tip's or ticket's story, one line per audit event."""
    table = Table(title=f"Audit trace of {subject}", show_lines=False)
    for column in ("seq", "at (UTC)", "subject", "stage", "action", "actor", "details"):
        table.add_column(column, overflow="fold")
    for event in events:
        details = ", ".join(f"{key}={value}" for key, value in event.details.items() if value not in (None, "", []))
        table.add_row(
            str(event.seq),
            event.at.strftime("%Y-%m-%d %H:%M:%S"),
            event.subject,
            event.stage,
            event.action,
            event.actor,
            details,
        )
    console.print(table)


def _tickets(console: Console, report: DemoReport) -> None:
    for queue, tickets in sorted(report.tickets.items()):
        table = Table(title=f"queue {queue}: {len(tickets)} ticket(s)", title_justify="left")
        for column in ("referral", "urgency", "categories", "place", "plates", "rule", "routing reason"):
            table.add_column(column, overflow="fold")
        for ticket in tickets:
            place = ticket.get("place") or {}
            table.add_row(
                ticket["referral_id"],
                ticket["urgency"] + (" (112)" if ticket["emergency"] else ""),
                ", ".join(ticket["categories"]),
                place.get("municipality", "-"),
                ", ".join(ticket["plates"]) or "-",
                ticket["route_reason"]["rule"],
                ticket["route_reason"]["reason"],
            )
        console.print(table)


def _pairs(console: Console, title: str, rows: list[tuple[str, str]], headers: tuple[str, str]) -> None:
    table = Table(title=title, title_justify="left")
    table.add_column(headers[0], overflow="fold")
    table.add_column(headers[1], overflow="fold")
    for left, right in rows:
        table.add_row(left, right)
    console.print(table)


def render_demo(console: Console, report: DemoReport, settings: Settings) -> None:
    """Everything the demo saw, queue by queue, then the audit story of one tip."""
    console.rule("Tipline demo")
    console.print(f"database {settings.database_url.split('@')[-1]}  broker {settings.broker_url.split('@')[-1]}")
    _pairs(
        console,
        "HTTP deliveries to /webhooks/facebook",
        [(f"{label}", f"{status} {text[:90]}") for label, status, text in report.http],
        ("delivery", "answer"),
    )
    console.print(f"{report.stored_tips} tips stored, each with exactly one outcome\n")
    _tickets(console, report)
    _pairs(console, "Recorded as not reportable", report.not_reportable, ("tip", "reason"))
    _pairs(console, "Ignored (not citizen messages)", report.ignored, ("item", "reason"))
    _pairs(console, "Rejected payloads", report.rejected, ("payload", "reason"))
    render_trace(console, report.trace_subject, report.trace)
    verify = report.verify
    if verify is not None and verify.ok:
        console.print(f"[bold green]audit chain verified[/]: {verify.checked} events, head {verify.head_seq}")
    elif verify is not None:
        console.print(f"[bold red]audit chain broken at {verify.first_bad_seq}[/]: {verify.problem}")
