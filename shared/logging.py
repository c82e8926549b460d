"""structlog, configured once per process.

Log lines carry ids (tip id, referral id, task id), never a citizen's message text, handle or
phone number. Call sites only pass ids; :func:`drop_personal_data` is the safety net that strips
any key that could hold personal data before a line is written.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import MutableMapping
from typing import Any, TextIO, cast

import structlog

from shared.settings import Environment, Settings

PERSONAL_KEYS = frozenset(
    {"text", "body", "message", "author_id", "author_handle", "handle", "phone", "name", "payload", "raw"}
)


class _CurrentStderr:
    """Writes to whatever ``sys.stderr`` is now, so a replaced stream (a test's capture) is honoured."""

    def write(self, text: str) -> int:
        return sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()


def drop_personal_data(_: Any, __: str, event_dict: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """Replace values of keys that may hold personal data with a marker."""
    for key in PERSONAL_KEYS.intersection(event_dict):
        event_dict[key] = "[redacted]"
    return event_dict


def configure_logging(settings: Settings) -> None:
    """Configure structlog and the standard library's root logger for ``settings``."""
    as_json = settings.log_format == "json" or (
        settings.log_format == "auto" and settings.environment is Environment.PRODUCTION
    )
    renderer: Any = structlog.processors.JSONRenderer() if as_json else structlog.dev.ConsoleRenderer(colors=False)
    level = logging.getLevelNamesMapping().get(settings.log_level.upper(), logging.INFO)
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            drop_personal_data,
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(level),
        logger_factory=structlog.PrintLoggerFactory(file=cast(TextIO, _CurrentStderr())),
        # Not cached: a later configure_logging (another runtime in the same process) must apply
        # to module-level loggers too; lines are per batch, so the lookup cost does not matter.
        cache_logger_on_first_use=False,
    )
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s %(message)s")


def get_logger(name: str) -> Any:
    """A bound structlog logger for ``name``."""
    return structlog.get_logger(name)
