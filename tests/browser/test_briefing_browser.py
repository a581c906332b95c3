"""The Briefing page in headless Chromium: downloads, the HTML brief offline, presentation mode, themes."""

import re

import pytest

from tests.browser.conftest import TIMEOUT_MS, open_page, screenshot, settle

pytestmark = pytest.mark.browser

GERMANY = "/briefing?country=DEU"


def _download(page, label: str, tmp_path, timeout_ms: int = TIMEOUT_MS) -> bytes:
    # A deferred download (a callable) is built on the server when clicked: settled first, so the
    # click reaches the button of the finished run, not one a rerun is about to replace.
    settle(page)
    button = page.locator('[data-testid="stDownloadButton"] button').filter(has_text=label).first
    with page.expect_download(timeout=timeout_ms) as info:
        button.click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target.read_bytes()


@pytest.fixture()
def offline_page(browser):
    """A tab with no network at all: every request that is not a local file is aborted and recorded."""
    context = browser.new_context(viewport={"width": 1000, "height": 1200}, offline=True)
    blocked: list[str] = []

    def refuse(route):
        blocked.append(route.request.url)
        route.abort()

    context.route(re.compile(r"^(?!file:|data:|blob:).*"), refuse)
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    tab.blocked = blocked
    yield tab
    context.close()


def _offline(offline_page, document: str, tmp_path, name: str):
    path = tmp_path / name
    path.write_text(document, encoding="utf-8")
    offline_page.goto(path.as_uri())
    offline_page.wait_for_function("() => window.briefChartsDrawn === true")
    offline_page.wait_for_selector("path.choroplethlocation")
    shapes = offline_page.locator("path.choroplethlocation")
    assert shapes.count() == 3, "Germany, Russia and Ukraine are drawn"
    assert all(len(shapes.nth(i).get_attribute("d") or "") > 50 for i in range(shapes.count()))


def test_html_brief_downloads_and_draws_its_map_offline(server, page, offline_page, tmp_path):
    open_page(page, f"{server}{GERMANY}")
    assert page.locator("h2").filter(has_text="Briefing: Germany").count() == 1
    assert page.get_by_text("PDF: 1 page, A4 portrait").count() == 1, "the page count, before the PDF"
    screenshot(page, "briefing-germany")
    one_page = _download(page, "Download HTML brief", tmp_path).decode("utf-8")
    assert "<h1>Briefing: Germany</h1>" in one_page and 'class="sheet"' in one_page
    _offline(offline_page, one_page, tmp_path, "one-page.html")
    assert offline_page.locator(".main-svg").count() >= 2, "the map and the one chart drew"
    assert offline_page.locator(".q").count() >= 1
    assert offline_page.blocked == [], f"the brief tried the network: {offline_page.blocked}"

    page.locator('[data-testid="stRadio"]').get_by_text("Long form (everything)").click()
    settle(page)
    page.get_by_text(re.compile(r"PDF: about \d+ page")).wait_for()
    # The long form is built when clicked (all four charts): under a loaded CI machine it took over
    # a minute once, so it gets three.
    long_form = _download(page, "Download HTML brief", tmp_path, 3 * TIMEOUT_MS).decode("utf-8")
    _offline(offline_page, long_form, tmp_path, "long.html")
    assert offline_page.locator(".main-svg").count() >= 4, "all four charts drew"
    assert offline_page.locator(".quote mark").count() >= 1
    assert offline_page.blocked == [], f"the brief tried the network: {offline_page.blocked}"
    offline_page.locator("#chart-countries").hover()
    assert offline_page.locator('#chart-countries [data-title="Download plot as SVG"]').count() == 1
    assert offline_page.locator('#chart-countries [data-title="Download plot as a PNG"]').count() == 1


def test_csv_download_holds_only_the_filtered_statements(server, page, tmp_path):
    import io

    import pandas as pd

    open_page(page, f"{server}{GERMANY}")
    frame = pd.read_csv(io.BytesIO(_download(page, "Download CSV", tmp_path)))
    assert len(frame) > 0 and all("DEU" in value.split(";") for value in frame["countries"])


def test_pdf_is_prepared_and_downloaded(server, page, tmp_path):
    from ui.pdf import find_chromium

    if find_chromium() is None:
        pytest.skip("no Chromium for the PDF")
    open_page(page, f"{server}{GERMANY}")
    page.get_by_role("button", name=re.compile("Prepare PDF")).click()
    page.wait_for_selector('[data-testid="stDownloadButton"] button:has-text("Download PDF")', timeout=120_000)
    pdf = _download(page, "Download PDF", tmp_path)
    assert pdf.startswith(b"%PDF")


def _font_px(page, selector: str) -> float:
    page.wait_for_selector(selector)  # the quote cards are drawn by st.html after the page settles
    return float(page.eval_on_selector(selector, "e => parseFloat(getComputedStyle(e).fontSize)"))


def test_presentation_mode_enlarges_quotes_and_hides_the_toolbar(server, page):
    open_page(page, f"{server}{GERMANY}")
    normal = _font_px(page, ".qa-brief-words")
    assert page.locator(".st-key-brief_tools").is_visible()
    open_page(page, f"{server}{GERMANY}&present=1")
    screenshot(page, "briefing-germany-presentation")
    assert _font_px(page, ".qa-brief-words") > normal * 1.4
    assert page.locator("h1").first.inner_text().strip() == "Briefing: Germany"
    assert not page.locator(".st-key-brief_tools").is_visible()
    assert not page.locator('header[data-testid="stHeader"]').is_visible()
    assert page.locator('[data-testid="stException"]').count() == 0


@pytest.mark.parametrize(("scheme", "background"), [("light", "rgb(255, 255, 255)"), ("dark", "rgb(15, 20, 25)")])
def test_light_and_dark_themes_from_the_config(server, browser, scheme, background):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, color_scheme=scheme)
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    try:
        open_page(tab, f"{server}{GERMANY}&present=1")
        tab.wait_for_selector("path.choroplethlocation")
        screenshot(tab, f"briefing-germany-{scheme}")
        app_background = tab.eval_on_selector('[data-testid="stApp"]', "e => getComputedStyle(e).backgroundColor")
        assert app_background == background
    finally:
        context.close()


def test_chart_camera_saves_svg_when_chosen(server, page, tmp_path):
    open_page(page, f"{server}{GERMANY}")
    page.locator('[data-testid="stRadio"]').get_by_text("SVG").click()
    settle(page)
    page.wait_for_function("""() => { const plots = [...document.querySelectorAll('.js-plotly-plot')];
        return plots.length >= 2 && plots.every(g => g._context.toImageButtonOptions.format === 'svg'); }""")
    chart = page.locator('[data-testid="stPlotlyChart"]').nth(1)
    chart.hover()
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        chart.locator(".modebar-btn[data-title^=\"Download plot\"]").first.click()
    assert info.value.suggested_filename.endswith(".svg")
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    assert b"<svg" in target.read_bytes()[:2000]


def test_viewer_switches_to_the_dark_theme_from_the_app_menu(server, page):
    open_page(page, f"{server}{GERMANY}")
    app = '[data-testid="stApp"]'
    assert page.eval_on_selector(app, "e => getComputedStyle(e).backgroundColor") == "rgb(255, 255, 255)"
    page.locator('[data-testid="stMainMenu"]').click()
    page.locator('[data-testid="stMainMenuItem-theme-Dark"]').click()
    page.wait_for_function(f"""() => getComputedStyle(document.querySelector('{app}')).backgroundColor
        === 'rgb(15, 20, 25)'""")
