"""The tone towards targets in a store: ``build``/``refresh --target-tone``, ``QUOTE_ATLAS_TARGET_TONE``
and the app's builds all switch it, and switching it re-analyses the stored articles."""

import pytest

import analysis.store as store
from analysis import __main__ as cli
from analysis.build import build_store
from analysis.ingest import make_article
from analysis.records import ANALYSIS_VERSION, TONE_MARK
from analysis.settings import Settings
from analysis.store import load_corpus
from analysis.tone.targeted import TONE_PATH

pytestmark = pytest.mark.skipif(not TONE_PATH.exists(), reason="the tone model is not shipped")

TEXT = '"Russia is a threat to us all," Boris Johnson said.'


def stored_tones(out: str) -> list[tuple]:
    """The target tones of every stored statement."""
    return [tuple(tones) for tones in load_corpus(out).quotes["target_tones"]]


def versions(out: str) -> set[str]:
    """The analysis versions the store holds."""
    return set(store.stored_versions(out).values())


def test_a_store_built_with_target_tone_holds_the_tone_towards_the_country(tmp_path):
    out = str(tmp_path / "s")
    assert build_store(out, [make_article(TEXT, "a")], target_tone=True).analysed == 1
    assert versions(out) == {ANALYSIS_VERSION + TONE_MARK}
    assert stored_tones(out) == [(("country", "RUS", "negative"),)]


def test_a_store_built_without_it_holds_no_target_tones(tmp_path):
    out = str(tmp_path / "s")
    build_store(out, [make_article(TEXT, "a")])
    assert versions(out) == {ANALYSIS_VERSION}
    assert stored_tones(out) == [()]


def test_switching_target_tone_reanalyses_the_store_both_ways(tmp_path):
    out = str(tmp_path / "s")
    build_store(out, [make_article(TEXT, "a")], target_tone=False)
    assert build_store(out, [], target_tone=True).analysed == 1
    assert versions(out) == {ANALYSIS_VERSION + TONE_MARK} and stored_tones(out)[0]
    assert build_store(out, [], target_tone=True).analysed == 0  # up to date in this mode
    assert build_store(out, [], target_tone=False).analysed == 1
    assert versions(out) == {ANALYSIS_VERSION} and stored_tones(out) == [()]


@pytest.mark.parametrize(("setting", "flags", "marked"), [
    (False, [], False),
    (False, ["--target-tone"], True),
    (True, [], True),  # QUOTE_ATLAS_TARGET_TONE=1
    (True, ["--no-target-tone"], False),  # the flag overrides the setting
])
def test_build_and_refresh_follow_the_flag_and_the_setting(tmp_path, setting, flags, marked):
    article = tmp_path / "johnson.txt"
    article.write_text(TEXT, encoding="utf-8")
    out = str(tmp_path / "s")
    settings = Settings(store=out, target_tone=setting)
    assert cli.main(["build", str(article), "--out", out, *flags], settings=settings) == 0
    assert versions(out) == {ANALYSIS_VERSION + (TONE_MARK if marked else "")}
    assert bool(stored_tones(out)[0]) is marked
    # refresh in the other mode re-analyses the stored article into it
    other = ["--no-target-tone"] if marked else ["--target-tone"]
    assert cli.main(["refresh", "--out", out, *other], settings=settings) == 0
    assert versions(out) == {ANALYSIS_VERSION + ("" if marked else TONE_MARK)}
    assert bool(stored_tones(out)[0]) is not marked
