"""PDF of the HTML brief, printed by headless Chromium (no streamlit here).

Why Chromium: the HTML brief already holds the map and the charts as plotly.js figures;
printing that same file gives a PDF identical to what the user sees, with vector charts and
the offline map, and no second rendering path (a pure-Python PDF library would need the
charts as images, which plotly can only make through kaleido, itself a Chromium).
Chromium is a Debian package: ``make setup-dev`` installs it locally and ``packages.txt``
asks Streamlit Community Cloud for it. When it is missing, :func:`find_chromium` returns
None and the app says so instead of offering the PDF.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

from analysis.settings import load_settings

#: Binaries looked up on PATH when the settings name none (``QUOTE_ATLAS_CHROMIUM``).
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
#: Flags for a sandbox-less container with no network; the brief needs none.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
         "--mute-audio", "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
         "--virtual-time-budget=20000", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>"]


class PdfUnavailable(RuntimeError):
    """The PDF could not be made (no Chromium, or it failed); the message says why."""


def find_chromium() -> str | None:
    """Path of a Chromium/Chrome binary, or None when none is installed."""
    wanted = load_settings().chromium
    if wanted:
        return wanted if os.path.exists(wanted) else None
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


def html_to_pdf(document: str, *, timeout: float = 90.0, chromium: str | None = None) -> bytes:
    """Print an HTML document to PDF with headless Chromium.

    Args:
        document: A self-contained HTML document (scripts inline; it is opened as a file).
        timeout: Seconds before giving up.
        chromium: Browser binary (default: :func:`find_chromium`).

    Returns:
        The PDF bytes (they start with ``%PDF``).

    Raises:
        PdfUnavailable: No browser, a timeout, or a browser error.
    """
    binary = chromium or find_chromium()
    if not binary:
        raise PdfUnavailable("PDF export needs Chromium, which is not installed on this server. "
                             "Download the HTML brief and print it to PDF from your browser.")
    with tempfile.TemporaryDirectory(prefix="quote-atlas-pdf-") as folder:
        source = os.path.join(folder, "brief.html")
        target = os.path.join(folder, "brief.pdf")
        with open(source, "w", encoding="utf-8") as handle:
            handle.write(document)
        command = [binary, *FLAGS, f"--user-data-dir={os.path.join(folder, 'profile')}",
                   f"--print-to-pdf={target}", f"file://{source}"]
        try:
            result = subprocess.run(command, capture_output=True, timeout=timeout, check=False,
                                    env={**os.environ, "HOME": folder})
        except subprocess.TimeoutExpired as error:
            raise PdfUnavailable(f"Chromium did not finish the PDF within {timeout:.0f} s.") from error
        except OSError as error:
            raise PdfUnavailable(f"Chromium could not be started ({error}).") from error
        if not os.path.exists(target) or os.path.getsize(target) == 0:
            detail = result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
            raise PdfUnavailable(f"Chromium made no PDF (exit {result.returncode}: {detail[0]}).")
        with open(target, "rb") as handle:
            return handle.read()
