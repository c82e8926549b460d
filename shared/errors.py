"""The project's error tree, by what the caller must do.

- :class:`PermanentError`: retrying cannot help (bad input, contract violation): reject the
  input with its reason or dead-letter the message.
- :class:`RetryableError`: the world may change (a server down, a timeout): back off, retry.

Adapters translate third-party errors at the boundary with ``raise … from exc``; the task base
also treats the database's and the broker's connection errors as retryable.
"""

from __future__ import annotations

from kombu.exceptions import OperationalError as BrokerOperationalError
from sqlalchemy.exc import DBAPIError, OperationalError, TimeoutError


class TiplineError(Exception):
    """Root of the project's own errors."""


class PermanentError(TiplineError):
    """Retrying will not help."""


class RetryableError(TiplineError):
    """A transient failure: back off and try again."""


_TRANSIENT = (RetryableError, OperationalError, TimeoutError, BrokerOperationalError, ConnectionError, OSError)


def is_retryable(exc: BaseException) -> bool:
    """Whether ``exc`` is worth retrying: our own transient errors and lost connections."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, _TRANSIENT)
