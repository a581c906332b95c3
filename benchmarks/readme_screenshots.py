"""Regenerate the README's screenshots (``docs/img/``) from a store of the 300 shared articles.

Run from the repo root after a change that alters what the pages or the brief look like:

    .venv/bin/python benchmarks/readme_screenshots.py --store /tmp/store300 [--out docs/img]

``--store`` is a store built from ``../shared/corpus/news_politics_world_300.jsonl`` (``python -m
analysis build``; the shared articles are never copied into the repo). The script starts the
dashboard on it (``tests/browser/server.py``), drives Debian's ``/usr/bin/chromium`` with
Playwright at 1400 x 1000 and writes:

- ``compare.png``: the Compare page, Vladimir Putin vs Tony Blair (``/compare?by=speaker&a=Putin&b=Tony+Blair``);
- ``brief-one-page.png``: the one-page A4 brief on Ukraine as the HTML file draws it (the PDF prints that file);
- ``brief-compare.png``: the one-page A4 brief of the comparison Putin vs Blair, made from the
  Compare page's link (``/briefing?by=speaker&a=…&b=…``), as its HTML file draws it;
- ``briefing-presentation-dark.png``: the Briefing page on Ukraine in presentation mode, dark theme;
- ``countries.png``: the Countries page, no filter (the README's first picture);
- ``speakers.png``: the Speakers page, no filter (the most quoted, "others" cut at the axis' end);
- ``reader.png``: the Reader on the seed article with the speaker filter Vladimir Putin (his
  statements highlighted, the others dimmed), as a link from the Corpus or Quotes page opens it;
- ``briefing-light.png``: the Briefing page on Germany, light theme (``docs/briefing.md``).

The seed article (``data/seed``) is found in the store by its title, so a store of the seed and
the 300 articles (``/work/store300m`` on the project's machines) gives every picture.

A PNG over :data:`MAX_BYTES` is reduced to a 256-colour palette. It prints one line per file with
its size. Needs the ``playwright`` package and Debian's Chromium (never ``playwright install``).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from tests.browser.server import PAGE_DONE_JS, start_dashboard  # noqa: E402

CHROMIUM = os.environ.get("QUOTE_ATLAS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
#: Largest PNG the README should carry.
MAX_BYTES = 300_000
VIEWPORT = {"width": 1400, "height": 1000}
#: A4 at 96 dpi, the one-page brief's sheet.
A4 = {"width": 794, "height": 1123}
COMPARE = "by=speaker&a=Putin&b=Tony%20Blair"
#: The seed article's title (``data/seed/putin-spief-2024.txt``), to find its id in the store.
SEED_TITLE = "Vladimir Putin: Russia Has No Imperial Ambitions"
#: (file, page link, plotly charts to wait for) of the pages shot as the browser shows them.
PAGES = [
    ("countries.png", "countries", 4),
    ("speakers.png", "speakers", 3),
    ("briefing-light.png", "briefing?country=DEU", 2),
]


def save_png(data: bytes, path: str) -> int:
    """Write a screenshot as it is, or as a 256-colour palette PNG when it is over :data:`MAX_BYTES`
    (the palette shifts a few colours, e.g. the Compare page's orange); returns the bytes written.
    """
    best = data
    if len(data) > MAX_BYTES:
        from PIL import Image

        buffer = io.BytesIO()
        image = Image.open(io.BytesIO(data)).convert("RGB")
        image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(buffer, format="PNG", optimize=True)
        best = min(data, buffer.getvalue(), key=len)
    with open(path, "wb") as handle:
        handle.write(best)
    return len(best)


def _open(page, url: str, charts: int = 0) -> None:
    page.goto(url)
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1')
    page.wait_for_function(PAGE_DONE_JS)
    if charts:
        page.wait_for_function(f"() => document.querySelectorAll('.js-plotly-plot svg.main-svg').length >= {charts}")
    page.wait_for_timeout(800)


def _brief_file(page, url: str, folder: str) -> str:
    """Open ``url`` (a Briefing page) and save its HTML brief; returns the file's path."""
    _open(page, url, charts=2)
    with page.expect_download(timeout=180_000) as info:
        page.get_by_role("button", name="Download HTML brief").click()
    target = os.path.join(folder, "brief.html")
    info.value.save_as(target)
    return target


def _sheet(browser, path: str) -> bytes:
    """The first A4 page of an HTML brief as drawn, charts included."""
    sheet = browser.new_page(viewport=A4)
    sheet.goto("file://" + path)
    sheet.wait_for_function("window.briefChartsDrawn === true", timeout=120_000)
    sheet.wait_for_timeout(500)
    data = sheet.screenshot(full_page=False)
    sheet.close()
    return data


def seed_article(store: str) -> str | None:
    """The id of the seed article in ``store`` (None when it does not hold it)."""
    from analysis.store.batches import article_column

    return next((a for a, title in article_column(store, "title").items()
                 if isinstance(title, str) and title.startswith(SEED_TITLE)), None)


def shoot(url: str, out: str, seed: str | None = None) -> dict[str, int]:
    """Take every README screenshot from the dashboard at ``url`` (the Reader's on the article
    ``seed``, when given); returns file name -> bytes.
    """
    from playwright.sync_api import sync_playwright

    sizes = {}
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as folder:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(180_000)

        _open(page, f"{url}/compare?{COMPARE}", charts=3)
        sizes["compare.png"] = save_png(page.screenshot(), os.path.join(out, "compare.png"))
        pages = PAGES + ([("reader.png", f"reader?article={seed}&speaker=Vladimir%20Putin", 0)] if seed else [])
        for name, link, charts in pages:
            _open(page, f"{url}/{link}", charts=charts)
            sizes[name] = save_png(page.screenshot(), os.path.join(out, name))
        for name, link in (("brief-one-page.png", "briefing?country=UKR"),
                           ("brief-compare.png", f"briefing?{COMPARE}")):
            sheet = _sheet(browser, _brief_file(page, f"{url}/{link}", folder))
            sizes[name] = save_png(sheet, os.path.join(out, name))
        context.close()

        dark = browser.new_context(viewport=VIEWPORT, color_scheme="dark")
        page = dark.new_page()
        page.set_default_timeout(180_000)
        _open(page, f"{url}/briefing?country=UKR&present=1", charts=2)
        name = "briefing-presentation-dark.png"
        sizes[name] = save_png(page.screenshot(), os.path.join(out, name))
        browser.close()
    return sizes


def main() -> None:
    """Start the dashboard on ``--store`` and write the screenshots to ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", required=True, help="a store of the 300 shared articles")
    parser.add_argument("--out", default=os.path.join(REPO, "docs", "img"))
    args = parser.parse_args()
    if not os.path.exists(CHROMIUM):
        sys.exit(f"{CHROMIUM} is not installed (make setup-dev installs Debian's chromium)")
    os.makedirs(args.out, exist_ok=True)
    process, url, _seconds = start_dashboard(os.path.abspath(args.store))
    try:
        sizes = shoot(url, args.out, seed_article(os.path.abspath(args.store)))
    finally:
        process.terminate()
        process.wait(timeout=20)
    for name, size in sizes.items():
        flag = "" if size <= MAX_BYTES else f"  (over {MAX_BYTES // 1000} KB)"
        print(f"{os.path.join(args.out, name)}: {size / 1000:.0f} KB{flag}")


if __name__ == "__main__":
    main()
