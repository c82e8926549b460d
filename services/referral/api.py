"""The desk API: district desks work their tickets; auditors read; webcare asks a ticket's status.

A bearer token opens exactly one desk (``TIPLINE_DESK_TOKENS``); another desk's ticket answers
403. An auditor's token reads every desk and changes nothing.

No ``from __future__ import annotations`` here: FastAPI reads the route signatures at runtime,
and the token dependency is local to ``build_desk_router``.
"""

import hmac
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, ConfigDict, Field

from services.referral.desk import DeskService, ForbiddenError, NotFoundError, Scope, TicketView
from services.referral.lifecycle import Outcome, TransitionError
from shared.contracts import Category, Urgency
from shared.settings import DeskToken


class CloseRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    outcome: Outcome
    feedback: str | None = Field(default=None, max_length=2000)


class RerouteRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    desk: str = Field(description="the team queue, e.g. team.re02.gelderland-midden.rheden")
    reason: str = Field(min_length=3, max_length=500)


class NoteRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    note: str = Field(min_length=1, max_length=4000)


class SplitRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    tip_id: str


class RevealRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    tip_id: str
    reason: str = Field(min_length=10, max_length=1000)


class LabelCorrection(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reportable: bool | None = None
    categories: list[Category] | None = None
    urgency: Urgency | None = None
    place: str | None = None


class CorrectionRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    tip_id: str
    labels: LabelCorrection


def ticket_json(view: TicketView) -> dict[str, Any]:
    """A ticket as the API shows it: the referral with its desk state and notes."""
    return {
        **view.referral.model_dump(mode="json"),
        "desk": view.desk,
        "status": view.status.value,
        "claimed_by": view.claimed_by,
        "outcome": view.outcome,
        "notes": list(view.notes),
    }


def scope_for(authorization: str | None, tokens: Mapping[str, DeskToken]) -> Scope:
    """The caller's scope from a bearer token (compared in constant time), or 401."""
    presented = authorization.removeprefix("Bearer ").strip() if authorization else ""
    for token, holder in tokens.items():
        if presented and hmac.compare_digest(presented.encode(), token.encode()):
            return Scope(holder.actor, holder.desk)
    raise HTTPException(401, "missing or unknown desk token", headers={"WWW-Authenticate": "Bearer"})


@contextmanager
def _answers() -> Iterator[None]:
    try:
        yield
    except NotFoundError as exc:
        raise HTTPException(404, str(exc)) from exc
    except ForbiddenError as exc:
        raise HTTPException(403, str(exc)) from exc
    except TransitionError as exc:
        raise HTTPException(409, str(exc)) from exc


def build_desk_router(desk: DeskService, tokens: Callable[[], Mapping[str, DeskToken]]) -> APIRouter:
    """The ``/desk`` routes and the citizen-status route."""
    router = APIRouter(tags=["desk"])

    def caller(authorization: Annotated[str | None, Header()] = None) -> Scope:
        return scope_for(authorization, tokens())

    Caller = Annotated[Scope, Depends(caller)]  # noqa: N806 - a type alias for the routes below

    @router.get("/desk/tickets")
    def list_tickets(scope: Caller, desk_name: str | None = None, include_closed: bool = False) -> list[dict[str, Any]]:
        """The desk's open tickets by urgency, then due time."""
        with _answers():
            return [ticket_json(v) for v in desk.tickets(scope, desk_name, include_closed)]

    @router.get("/desk/tickets/{referral_id}")
    def show(scope: Caller, referral_id: str) -> dict[str, Any]:
        """One ticket with evidence, provenance and notes."""
        with _answers():
            return ticket_json(desk.show(scope, referral_id))

    @router.post("/desk/tickets/{referral_id}/claim")
    def claim(scope: Caller, referral_id: str) -> dict[str, Any]:
        """Take the ticket on."""
        with _answers():
            return ticket_json(desk.claim(scope, referral_id))

    @router.post("/desk/tickets/{referral_id}/close")
    def close(scope: Caller, referral_id: str, body: CloseRequest) -> dict[str, Any]:
        """Close the ticket with its outcome."""
        with _answers():
            return ticket_json(desk.close(scope, referral_id, body.outcome, body.feedback))

    @router.post("/desk/tickets/{referral_id}/reroute")
    def reroute(scope: Caller, referral_id: str, body: RerouteRequest) -> dict[str, Any]:
        """Hand the ticket to the right team."""
        with _answers():
            return ticket_json(desk.reroute(scope, referral_id, body.desk, body.reason))

    @router.post("/desk/tickets/{referral_id}/notes")
    def note(scope: Caller, referral_id: str, body: NoteRequest) -> dict[str, Any]:
        """Add a note."""
        with _answers():
            return ticket_json(desk.note(scope, referral_id, body.note))

    @router.post("/desk/tickets/{referral_id}/split")
    def split(scope: Caller, referral_id: str, body: SplitRequest) -> dict[str, Any]:
        """Take a wrongly merged report out into a ticket of its own; returns the new ticket."""
        with _answers():
            return ticket_json(desk.split(scope, referral_id, body.tip_id))

    @router.post("/desk/tickets/{referral_id}/corrections")
    def correct(scope: Caller, referral_id: str, body: CorrectionRequest) -> dict[str, Any]:
        """Correct a report's labels (kept as training data)."""
        labels = body.labels.model_dump(mode="json", exclude_none=True)
        with _answers():
            return ticket_json(desk.correct(scope, referral_id, body.tip_id, labels))

    @router.post("/desk/tickets/{referral_id}/reveal")
    def reveal(scope: Caller, referral_id: str, body: RevealRequest) -> dict[str, str | None]:
        """Break-glass: the reporter's platform identity, with a reason; the reveal is audited."""
        with _answers():
            return desk.reveal(scope, referral_id, body.tip_id, body.reason)

    @router.get("/desk/labels", response_class=PlainTextResponse)
    def labels(scope: Caller) -> str:
        """Outcomes and corrections as labelled JSON Lines (auditor tokens only)."""
        if not scope.is_auditor:
            raise HTTPException(403, "exporting labels needs an auditor's token")
        import json  # noqa: PLC0415

        return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in desk.export_labels())

    @router.get("/status/{referral_id}")
    def citizen_status(scope: Caller, referral_id: str) -> dict[str, str]:
        """What webcare may tell the citizen about their report."""
        with _answers():
            return {"referral_id": referral_id, "status": desk.status_for_citizen(referral_id)}

    return router
