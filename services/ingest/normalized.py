"""What a platform normaliser returns: the tips it found and the items it deliberately skipped."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field

from shared.contracts import Tip


class Ignored(BaseModel):
    """An item that is not a citizen message, with a short snake_case reason (never its text)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    platform_message_id: str | None
    reason: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    detail: str


class Hydration(BaseModel):
    """A tip whose content the payload did not carry (TikTok comment webhooks, EU TikTok DMs):
    ingest fetches it from the platform's API and then stores the tip with its text."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    platform: str
    kind: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    tip_id: str
    params: dict[str, str]


class NormalizedBatch(BaseModel):
    """Every item of one payload, each a tip, an ignored item with its reason, or a fetch to make."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    tips: tuple[Tip, ...] = ()
    ignored: tuple[Ignored, ...] = ()
    hydrations: tuple[Hydration, ...] = ()

    @classmethod
    def of(cls, results: Iterable[Tip | Ignored | Hydration]) -> NormalizedBatch:
        """A batch from a normaliser's mixed results, each sorted into its kind."""
        items = list(results)
        return cls(
            tips=tuple(r for r in items if isinstance(r, Tip)),
            ignored=tuple(r for r in items if isinstance(r, Ignored)),
            hydrations=tuple(r for r in items if isinstance(r, Hydration)),
        )
