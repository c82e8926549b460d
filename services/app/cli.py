"""The ``tipline`` command line: the contract other tools rely on (see design.md).

Typer gives typed options, help texts and exit codes for free; the commands are thin and call
the same functions the services run.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console

from shared import audit
from shared.runtime import Runtime, build_runtime, install_runtime
from shared.settings import Settings, get_settings
from shared.storage.db import migrate

app = typer.Typer(help="Tipline: citizens' messages to police accounts → referral tickets.", no_args_is_help=True)
audit_app = typer.Typer(help="Trace and verify the audit trail.", no_args_is_help=True)
registry_app = typer.Typer(help="The district registry.", no_args_is_help=True)
desk_app = typer.Typer(
    help="Work a desk's tickets through the desk API (token from TIPLINE_DESK_TOKEN).", no_args_is_help=True
)
app.add_typer(audit_app, name="audit")
app.add_typer(registry_app, name="registry")
app.add_typer(desk_app, name="desk")

err = Console(stderr=True)
FileArg = Annotated[str, typer.Argument(help="JSON Lines file, or - for standard input")]


@contextmanager
def _open_input(name: str) -> Iterator[TextIO]:
    if name == "-":
        yield sys.stdin
    else:
        with Path(name).open(encoding="utf-8") as handle:
            yield handle


def _transform_line(line: str, transform: Callable[[dict[str, Any]], dict[str, Any]]) -> dict[str, Any]:
    record = json.loads(line)
    if not isinstance(record, dict):
        raise TypeError("a line must hold one JSON object")
    return transform(record)


def _json_lines(name: str, transform: Callable[[dict[str, Any]], dict[str, Any]]) -> int:
    """Apply ``transform`` to each JSON line; report bad lines on stderr; return how many failed."""
    failures = 0
    out = sys.stdout
    with _open_input(name) as handle:
        for line_no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                result = _transform_line(line, transform)
            except (ValueError, KeyError, TypeError) as exc:
                failures += 1
                err.print(f"line {line_no}: rejected: {exc}")
                continue
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
    out.flush()
    return failures


def _runtime(settings: Settings | None = None) -> Runtime:
    runtime = build_runtime(settings or get_settings())
    install_runtime(runtime)
    return runtime


@app.command()
def demo() -> None:
    """Run the whole pipeline on bundled sample messages (no servers needed)."""
    from services.app.demo import run_demo  # noqa: PLC0415 - keeps the other commands' start-up light
    from services.app.demo_view import render_demo  # noqa: PLC0415

    runtime = _runtime(demo_settings(get_settings()))
    report = run_demo(runtime)
    console = Console()
    render_demo(console if console.is_terminal else Console(width=170), report, runtime.settings)
    if report.verify is None or not report.verify.ok:
        raise typer.Exit(1)


def demo_settings(settings: Settings) -> Settings:
    """The demo's settings: a fresh SQLite file unless a database URL was given."""
    quiet = {"log_level": "WARNING"} if "TIPLINE_LOG_LEVEL" not in os.environ else {}
    if settings.database_url == Settings.model_fields["database_url"].default:
        path = Path(".tipline-demo.db")
        for stale in path.parent.glob(f"{path.name}*"):
            stale.unlink()
        return settings.model_copy(update={"database_url": f"sqlite:///{path}", **quiet})
    return settings.model_copy(update=quiet)


@app.command()
def classify(file: FileArg = "-") -> None:
    """Classify JSON Lines tips (see taxonomy.md); each input record's fields pass through."""
    from services.classify.classifier import default_classifier  # noqa: PLC0415
    from services.classify.records import classify_record  # noqa: PLC0415

    classifier = default_classifier()
    if _json_lines(file, lambda record: classify_record(record, classifier)):
        raise typer.Exit(1)


@app.command(name="eval")
def evaluate(file: Annotated[Path, typer.Argument(help="labelled JSON Lines, as tips-dev.jsonl")]) -> None:
    """Score the classifier on labelled tips."""
    from services.classify.evaluation import evaluate as run_evaluation  # noqa: PLC0415

    with file.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    print(run_evaluation(records).render())


@app.command()
def normalize(
    file: Annotated[Path, typer.Argument(help="one raw webhook body or API response")],
    platform: Annotated[str, typer.Option(help="facebook, instagram, whatsapp, x, tiktok or telegram")],
    account: Annotated[str | None, typer.Option(help="the police account an API response was fetched for")] = None,
) -> None:
    """Print the canonical tips in a raw platform payload, one JSON object a line (offline)."""
    import hashlib  # noqa: PLC0415

    from services.ingest.adapters import ADAPTERS  # noqa: PLC0415
    from services.ingest.errors import RejectedPayload  # noqa: PLC0415
    from services.ingest.payloads import parse_json_body  # noqa: PLC0415
    from services.ingest.platforms.tiktok import TikTokApiError, normalize_tiktok_response  # noqa: PLC0415

    adapter = ADAPTERS.get(platform)
    if adapter is None:
        raise typer.BadParameter(f"unknown platform; known: {', '.join(sorted(ADAPTERS))}")
    options = {"account_id": account} if account and platform == "x" else adapter.options(get_settings())
    body = file.read_bytes()
    raw_sha256, now = hashlib.sha256(body).hexdigest(), datetime.now(UTC)
    try:
        payload = parse_json_body(body)
        if platform == "tiktok" and "code" in payload:  # an API response, not a webhook envelope
            batch = normalize_tiktok_response(
                payload, account=account or "tiktok", ingested_at=now, raw_sha256=raw_sha256
            )
        else:
            batch = adapter.normalize(payload, raw_sha256=raw_sha256, ingested_at=now, **options)
    except (RejectedPayload, TikTokApiError) as exc:
        reason = exc.reason if isinstance(exc, RejectedPayload) else str(exc)
        err.print(f"rejected: {reason}")
        raise typer.Exit(2) from exc
    for tip in batch.tips:
        print(tip.model_dump_json())


@app.command()
def route(file: FileArg = "-") -> None:
    """Route classified JSON Lines tips: unit, team, queues, rule and reason for each."""
    from services.referral.records import route_record  # noqa: PLC0415
    from services.referral.registry import load_registry  # noqa: PLC0415
    from services.referral.service import RoutingPolicy  # noqa: PLC0415

    settings = get_settings()
    registry = load_registry(settings.registry_path)
    policy = RoutingPolicy(settings.review_threshold_low, settings.review_threshold_high, settings.pseudonym_key)
    if _json_lines(file, lambda record: route_record(record, registry, policy)):
        raise typer.Exit(1)


@app.command()
def ingest(file: Annotated[Path, typer.Argument(help="JSON Lines export of tips")]) -> None:
    """Import an export of tips into the store; workers pick them up from there."""
    from services.app.importing import import_file  # noqa: PLC0415

    runtime = _runtime()
    migrate(runtime.engine)
    summary = import_file(runtime, file)
    err.print(summary)
    if summary["rejected"]:
        raise typer.Exit(1)


@app.command()
def forward(
    platform: Annotated[str, typer.Option(help="facebook, messenger, instagram, whatsapp, x, tiktok, telegram")],
    message_id: Annotated[str, typer.Option(help="the platform's id of the message")],
    account: Annotated[str, typer.Option(help="the police account that received it")],
    text: Annotated[str, typer.Option(help="the message, or a screenshot's text")],
    note: Annotated[str | None, typer.Option(help="the agent's note for the desk")] = None,
    kind: Annotated[str, typer.Option(help="dm, comment or post")] = "dm",
    url: Annotated[str, typer.Option(envvar="TIPLINE_URL")] = "http://127.0.0.1:8000",
    token: Annotated[str | None, typer.Option(envvar="TIPLINE_WEBCARE_TOKEN", help="the agent's token")] = None,
) -> None:
    """Hand a message in as a webcare agent (through the server's /forwards endpoint)."""
    import httpx  # noqa: PLC0415

    body = {"platform": platform, "platform_message_id": message_id, "account": account, "text": text, "kind": kind}
    if note:
        body["note"] = note
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        response = httpx.post(f"{url.rstrip('/')}/forwards", json=body, headers=headers, timeout=10)
    except httpx.HTTPError as exc:
        err.print(f"cannot reach {url}: {type(exc).__name__}")
        raise typer.Exit(2) from exc
    if response.status_code >= 400:
        err.print(f"refused ({response.status_code}): {response.text[:300]}")
        raise typer.Exit(1)
    print(response.text)


@app.command()
def poll(
    platform: Annotated[str, typer.Argument(help="x")],
    account: Annotated[str, typer.Option(help="the police account's platform id")],
    query: Annotated[str, typer.Option(help="the search query, e.g. '@PolitieVoorstad'")],
    interval: Annotated[float, typer.Option(help="seconds between polls; 0 polls once")] = 60.0,
) -> None:
    """Poll a platform API for messages that have no webhook (X recent search)."""
    import threading  # noqa: PLC0415

    import httpx  # noqa: PLC0415

    from services.ingest.cursors import CursorStore  # noqa: PLC0415
    from services.ingest.polling import XSearchPoller  # noqa: PLC0415
    from services.ingest.tasks import build_ingest  # noqa: PLC0415

    if platform != "x":
        raise typer.BadParameter("only x is polled; the other platforms deliver by webhook")
    runtime = _runtime()
    service, relay = build_ingest(runtime)
    settings = runtime.settings
    with httpx.Client(timeout=15) as client:
        poller = XSearchPoller(
            client,
            CursorStore(runtime.sessions),
            service,
            base_url=settings.x_api_base,
            bearer_token=settings.secret("x_bearer_token") or "",
            account_id=account,
            query=query,
        )
        if interval <= 0:
            err.print(f"{poller.poll_once()} new tips")
        else:
            poller.run(interval, threading.Event())
    if not settings.uses_embedded_broker:
        relay.forward_all()


@app.command()
def serve(
    host: Annotated[str, typer.Option()] = "127.0.0.1",
    port: Annotated[int, typer.Option()] = 8000,
) -> None:
    """Serve the webhooks (and run the tip relay) against the configured database and broker."""
    import uvicorn  # noqa: PLC0415

    from services.app.server import create_app  # noqa: PLC0415

    runtime = _runtime()
    if runtime.settings.uses_embedded_broker:
        raise typer.BadParameter("serve needs a real broker: set TIPLINE_BROKER_URL")
    uvicorn.run(create_app(runtime), host=host, port=port, log_level="warning", access_log=False)


@app.command()
def worker(
    service: Annotated[str, typer.Argument(help="ingest, classify or referral")],
    concurrency: Annotated[int, typer.Option()] = 1,
    pool: Annotated[str, typer.Option(help="solo, threads or prefork")] = "solo",
    beat: Annotated[bool, typer.Option(help="also run the schedule (escalation of overdue tickets)")] = False,
) -> None:
    """Run one service's Celery worker."""
    from services.app.worker import TASK_MODULES, run_worker  # noqa: PLC0415

    if service not in TASK_MODULES:
        raise typer.BadParameter(f"service must be one of {', '.join(TASK_MODULES)}")
    run_worker(_runtime(), service, concurrency, pool, beat)


@app.command(name="migrate")
def migrate_command() -> None:
    """Bring the database schema up to date."""
    migrate(_runtime().engine)


@audit_app.command("verify")
def audit_verify(
    checkpoints: Annotated[Path | None, typer.Option(help="a checkpoint file kept outside the database")] = None,
    public_key: Annotated[str | None, typer.Option(help="the audit public key (default: from the signing key)")] = None,
) -> None:
    """Recompute the hash chain (and check signed checkpoints); exit 1 naming the first broken link."""
    from shared.checkpoints import Checkpoint, check_checkpoints, public_key_b64, signing_key  # noqa: PLC0415

    runtime = _runtime()
    with runtime.sessions() as session:
        report = audit.verify(session)
        problems = []
        if checkpoints is not None:
            key = public_key or public_key_b64(signing_key(runtime.settings.audit_signing_key))
            lines = [line for line in checkpoints.read_text().splitlines() if line.strip()]
            problems = check_checkpoints(session, (Checkpoint.from_json(line) for line in lines), key)
    if not report.ok:
        print(f"audit chain BROKEN at event {report.first_bad_seq}: {report.problem}")
    for problem in problems:
        print(f"checkpoint at event {problem.seq}: {problem.problem}")
    if not report.ok or problems:
        raise typer.Exit(1)
    suffix = f", {len(lines)} checkpoints hold" if checkpoints is not None else ""
    print(f"audit chain verified: {report.checked} events, head {report.head_seq}{suffix}")


@audit_app.command("checkpoint")
def audit_checkpoint(out: Annotated[Path, typer.Option(help="the checkpoint file to append to")]) -> None:
    """Sign the chain head and append it to a file an auditor keeps outside the database."""
    from shared.checkpoints import append_checkpoint, signing_key  # noqa: PLC0415

    runtime = _runtime()
    with runtime.sessions() as session:
        checkpoint = append_checkpoint(session, signing_key(runtime.settings.audit_signing_key), out)
    print(f"checkpoint at event {checkpoint.seq} appended to {out}")


@audit_app.command("public-key")
def audit_public_key() -> None:
    """The public key auditors verify checkpoints with."""
    from shared.checkpoints import public_key_b64, signing_key  # noqa: PLC0415

    print(public_key_b64(signing_key(get_settings().audit_signing_key)))


@audit_app.command("export")
def audit_export(
    out: Annotated[Path, typer.Option(help="directory for events.jsonl, events.csv, checkpoint.json")],
    start: Annotated[datetime | None, typer.Option("--from", help="ISO time, inclusive")] = None,
    end: Annotated[datetime | None, typer.Option("--to", help="ISO time, exclusive")] = None,
) -> None:
    """Export events for an auditor, with a signed checkpoint to verify them independently."""
    from services.app.auditing import export  # noqa: PLC0415

    print(export(_runtime(), out, _utc(start), _utc(end)))


@audit_app.command("verify-export")
def audit_verify_export(directory: Annotated[Path, typer.Argument()]) -> None:
    """Verify an export on its own (no database): hashes, links and the signed last event."""
    from services.app.auditing import verify_export  # noqa: PLC0415

    problem = verify_export(directory)
    if problem:
        print(f"export BROKEN: {problem}")
        raise typer.Exit(1)
    print("export verified")


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@app.command()
def purge(dry_run: Annotated[bool, typer.Option(help="count what would go, change nothing")] = False) -> None:
    """Apply the retention periods: raw payloads, texts of unreportable tips, handles."""
    from services.ingest.retention import RetentionPolicy, purge_expired  # noqa: PLC0415

    runtime = _runtime()
    print(purge_expired(runtime.sessions, RetentionPolicy.from_settings(runtime.settings), dry_run=dry_run))


@audit_app.command("trace")
def audit_trace(subject: Annotated[str, typer.Argument(help="a tip id or referral id")]) -> None:
    """Print the whole story of a tip or ticket, in order."""
    from services.app.demo_view import render_trace  # noqa: PLC0415

    runtime = _runtime()
    with runtime.sessions() as session:
        events = audit.trace(session, subject)
    if not events:
        err.print(f"no audit events for {subject}")
        raise typer.Exit(1)
    render_trace(Console(), subject, events)


@registry_app.command("check")
def registry_check(path: Annotated[Path | None, typer.Argument()] = None) -> None:
    """Validate a registry file and report what it covers."""
    from services.referral.registry import RegistryError, load_registry  # noqa: PLC0415

    try:
        registry = load_registry(path or get_settings().registry_path)
    except RegistryError as exc:
        err.print(str(exc))
        raise typer.Exit(1) from exc
    print("\n".join(registry.check()))


UrlOption = Annotated[str, typer.Option(envvar="TIPLINE_URL", help="the Tipline server")]
TokenOption = Annotated[str, typer.Option(envvar="TIPLINE_DESK_TOKEN", help="the desk's (or auditor's) token")]


def _desk_call(url: str, token: str, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    import httpx  # noqa: PLC0415

    try:
        response = httpx.request(
            method, f"{url.rstrip('/')}{path}", json=body, headers={"Authorization": f"Bearer {token}"}, timeout=15
        )
    except httpx.HTTPError as exc:
        err.print(f"cannot reach {url}: {type(exc).__name__}")
        raise typer.Exit(2) from exc
    if response.status_code >= 400:
        err.print(f"refused ({response.status_code}): {response.text[:300]}")
        raise typer.Exit(1)
    return response.json() if "json" in response.headers.get("content-type", "") else response.text


def _print_ticket(ticket: dict[str, Any]) -> None:
    print(json.dumps(ticket, ensure_ascii=False, indent=2))


@desk_app.command("list")
def desk_list(url: UrlOption = "http://127.0.0.1:8000", token: TokenOption = "", include_closed: bool = False) -> None:
    """The desk's open tickets, most urgent and soonest due first."""
    tickets = _desk_call(url, token, "GET", f"/desk/tickets?include_closed={str(include_closed).lower()}")
    for t in tickets:
        print(f"{t['referral_id']}  {t['urgency']:<9} due {t['sla_due'][:16]}  {t['status']:<7}  {t['summary'][:80]}")


@desk_app.command("show")
def desk_show(referral_id: str, url: UrlOption = "http://127.0.0.1:8000", token: TokenOption = "") -> None:
    """One ticket with its evidence, provenance and notes."""
    _print_ticket(_desk_call(url, token, "GET", f"/desk/tickets/{referral_id}"))


@desk_app.command("claim")
def desk_claim(referral_id: str, url: UrlOption = "http://127.0.0.1:8000", token: TokenOption = "") -> None:
    """Take a ticket on."""
    _print_ticket(_desk_call(url, token, "POST", f"/desk/tickets/{referral_id}/claim"))


@desk_app.command("close")
def desk_close(
    referral_id: str,
    outcome: Annotated[str, typer.Option(help="acted_on, no_action_needed, not_a_police_matter, duplicate")],
    feedback: str | None = None,
    url: UrlOption = "http://127.0.0.1:8000",
    token: TokenOption = "",
) -> None:
    """Close a ticket with its outcome."""
    body = {"outcome": outcome, "feedback": feedback}
    _print_ticket(_desk_call(url, token, "POST", f"/desk/tickets/{referral_id}/close", body))


@desk_app.command("reroute")
def desk_reroute(
    referral_id: str,
    to: Annotated[str, typer.Option(help="the right team's queue, e.g. team.re02.gelderland-midden.rheden")],
    reason: Annotated[str, typer.Option()],
    url: UrlOption = "http://127.0.0.1:8000",
    token: TokenOption = "",
) -> None:
    """Hand a ticket to the right team."""
    body = {"desk": to, "reason": reason}
    _print_ticket(_desk_call(url, token, "POST", f"/desk/tickets/{referral_id}/reroute", body))


@desk_app.command("note")
def desk_note(referral_id: str, text: str, url: UrlOption = "http://127.0.0.1:8000", token: TokenOption = "") -> None:
    """Add a note to a ticket."""
    _print_ticket(_desk_call(url, token, "POST", f"/desk/tickets/{referral_id}/notes", {"note": text}))


@desk_app.command("split")
def desk_split(
    referral_id: str, tip_id: str, url: UrlOption = "http://127.0.0.1:8000", token: TokenOption = ""
) -> None:
    """Take a wrongly merged report out of a ticket into its own."""
    _print_ticket(_desk_call(url, token, "POST", f"/desk/tickets/{referral_id}/split", {"tip_id": tip_id}))


@desk_app.command("labels")
def desk_labels(url: UrlOption = "http://127.0.0.1:8000", token: TokenOption = "") -> None:
    """Outcomes and corrections as labelled JSON Lines for the classifier (auditor token)."""
    print(_desk_call(url, token, "GET", "/desk/labels"), end="")


def main() -> None:
    """Entry point of the ``tipline`` script."""
    app()
