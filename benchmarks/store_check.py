"""What the benchmarks check around a measurement: the files of a store with their sizes and
modification times (benchmarks that open a store read-only compare them before and after to show
that the app or the engine wrote nothing), and the process's peak memory.
"""

from __future__ import annotations

import os


def store_files(store: str) -> dict[str, tuple[int, int]]:
    """Every file under ``store`` (relative path) with its size and modification time in ns."""
    found = {}
    for folder, _dirs, names in os.walk(store):
        for name in names:
            path = os.path.join(folder, name)
            stat = os.stat(path)
            found[os.path.relpath(path, store)] = (stat.st_size, stat.st_mtime_ns)
    return found


def peak_rss_mb() -> float:
    """The peak RSS (VmHWM) of this process, in MB (0 where /proc is missing)."""
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0
