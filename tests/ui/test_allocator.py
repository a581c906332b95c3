"""The C allocator's settings: arenas capped for the app's threads, free pages handed back."""

import os
import subprocess
import sys

import pytest

from ui import allocator

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux") or allocator._libc() is None,
                                reason="glibc's mallopt and malloc_trim only")

#: Counts glibc's malloc arenas after 30 threads allocated at the same moment (a fresh process each).
PROBE = """
import ctypes, sys, threading
sys.path.insert(0, {repo!r})
from ui import allocator
if {cap}:
    assert allocator.configure() and allocator.configured()
libc = ctypes.CDLL("libc.so.6")
libc.open_memstream.restype = ctypes.c_void_p
barrier = threading.Barrier(30)
def work():
    barrier.wait()
    kept = [bytearray(1000) for _ in range(5000)]
    barrier.wait()
threads = [threading.Thread(target=work) for _ in range(30)]
for thread in threads: thread.start()
for thread in threads: thread.join()
text, size = ctypes.c_char_p(), ctypes.c_size_t()
stream = libc.open_memstream(ctypes.byref(text), ctypes.byref(size))
libc.malloc_info(0, ctypes.c_void_p(stream))
libc.fclose(ctypes.c_void_p(stream))
print(text.value.decode().count("<heap nr="))
"""


def _arenas(cap: bool) -> int:
    done = subprocess.run([sys.executable, "-c", PROBE.format(repo=REPO, cap=cap)],
                          capture_output=True, text=True, timeout=60, check=True)
    return int(done.stdout.strip())


@pytest.mark.parametrize("cap, most", [(True, allocator.ARENAS), (False, None)])
def test_configure_caps_the_arenas_of_concurrent_threads(cap, most):
    arenas = _arenas(cap)
    if most is None:
        assert arenas > allocator.ARENAS  # glibc's own default: up to 8 per core
    else:
        assert arenas <= most


def test_release_hands_freed_pages_back():
    blocks = [bytearray(4000) for _ in range(20_000)]  # 80 MB in the arena, below mmap's threshold
    del blocks[:-1]  # the last one pins the top of the heap: only malloc_trim returns the pages below it
    assert allocator.release() is True


def test_release_asks_pyarrows_pool_to_give_back_its_pages(monkeypatch):
    import pyarrow as pa

    asked = []
    pool = pa.default_memory_pool()

    class Pool:
        def release_unused(self):
            asked.append(pool.backend_name)
            pool.release_unused()

    monkeypatch.setattr(pa, "default_memory_pool", lambda: Pool())
    buffers = [pa.allocate_buffer(1 << 20) for _ in range(64)]  # 64 MB through the pool, then freed
    del buffers
    allocator.release()
    assert asked == [pool.backend_name]


def test_release_does_not_import_pyarrow(monkeypatch):
    monkeypatch.delitem(sys.modules, "pyarrow")  # as before any page loaded it
    assert allocator.release_arrow() is False
    allocator.release()
    assert "pyarrow" not in sys.modules


def test_the_app_starts_with_the_allocator_settings(seed_store, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("QUOTE_ATLAS_STORE", seed_store)
    monkeypatch.setitem(allocator._STATE, "configured", None)  # as in a fresh process
    at = AppTest.from_file(os.path.join(REPO, "dashboard.py"), default_timeout=60).run()
    assert not at.exception
    assert allocator.configured()
