"""A time budget per article: one hostile or pathological text cannot stall a build or an app session.

:func:`time_budget` sets a deadline for the code run inside it (per thread, so app sessions do
not share one); the analysis checks it in its long loops with :func:`check_budget`, which raises
:class:`BudgetExceeded` once the deadline has passed. :func:`analysis.pipeline.analyse_articles`
then skips that article with a message and goes on with the next.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from contextvars import ContextVar

_DEADLINE: ContextVar[float | None] = ContextVar("analysis_deadline", default=None)


class BudgetExceeded(RuntimeError):
    """The article took longer than its time budget."""


@contextlib.contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Run the ``with`` block under a deadline ``seconds`` from now (None or 0: no deadline)."""
    token = _DEADLINE.set(time.monotonic() + seconds if seconds else None)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check_budget() -> None:
    """Raise :class:`BudgetExceeded` when the current deadline has passed (cheap: call it in loops)."""
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline:
        raise BudgetExceeded("the analysis took longer than its time budget")
