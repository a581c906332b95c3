"""The C allocator's settings for the app's process: fewer malloc arenas, free pages handed back.

glibc's malloc gives threads arenas of their own, up to eight per core, and keeps the memory
freed in each for later. Streamlit runs every script run on a thread of its own and DuckDB has
worker threads, so a server that has answered a few pages holds freed megabytes in many arenas
(docs/speed.md, "session 14, rss"). :func:`configure` caps the arenas at :data:`ARENAS` (set once,
before the process's threads have made more) and :func:`release` hands the free pages of every
arena back to the system (``malloc_trim``) after a script run, and those of pyarrow's pool.

Only the standard library is imported (``ui.shell`` calls this before anything heavy). On a C
library without these functions (musl, macOS) both do nothing and say so.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
import threading

#: ``mallopt`` parameter of glibc's ``malloc.h``: the most arenas the process may create.
M_ARENA_MAX = -8
#: Arenas the app's process may use: the main one and one more for its threads.
ARENAS = 2

_LOCK = threading.Lock()
_STATE: dict[str, object] = {"libc": None, "configured": None}


def _libc():
    """The C library (``ctypes.CDLL``) when it has glibc's ``mallopt`` and ``malloc_trim``, else None."""
    with _LOCK:
        if _STATE["libc"] is None:
            try:
                libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
                _STATE["libc"] = libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else False
            except OSError:
                _STATE["libc"] = False
        return _STATE["libc"] or None


def configure(arenas: int = ARENAS) -> bool:
    """Cap glibc's malloc arenas at ``arenas`` (once per process; later calls return the first answer).

    glibc fixes its arena limit the first time a thread needs a new arena past the ninth, so this
    must run before the process has that many: at the app's first script run, before the data
    engine's threads exist. Returns True when the C library took the setting.
    """
    libc = _libc()
    with _LOCK:
        if _STATE["configured"] is None:
            _STATE["configured"] = bool(libc is not None and libc.mallopt(M_ARENA_MAX, int(arenas)) == 1)
        return bool(_STATE["configured"])


def configured() -> bool:
    """Whether :func:`configure` has run and the C library took its setting."""
    return bool(_STATE["configured"])


def release() -> bool:
    """Hand the free pages of every malloc arena back to the system (``malloc_trim(0)``), and those
    pyarrow's memory pool keeps when pyarrow is loaded (:func:`release_arrow`).

    Returns True when malloc released memory; False when there was none to release or the C library
    has no ``malloc_trim``.
    """
    release_arrow()
    libc = _libc()
    return bool(libc is not None and libc.malloc_trim(0) == 1)


def release_arrow() -> bool:
    """Ask pyarrow's default memory pool (mimalloc in the wheels) to give back the pages it keeps
    after its buffers were freed: the pages' parquet reads and the tables' Arrow serialisation leave
    4-20 MB there at 100,000 articles (docs/speed.md, session 17). pyarrow is not imported here: False
    when no page has loaded it.
    """
    pyarrow = sys.modules.get("pyarrow")
    if pyarrow is None:
        return False
    pyarrow.default_memory_pool().release_unused()
    return True
