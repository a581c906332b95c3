"""Settings are read in one place, from the environment given, and never written back."""

import os
from pathlib import Path

import pytest

from analysis.settings import DEFAULT_STORE, SEED_ARTICLE, load_settings

CASES = [
    ({}, DEFAULT_STORE, False, None),
    ({"QUOTE_ATLAS_STORE": "/srv/store"}, Path("/srv/store"), False, None),
    ({"QUOTE_ATLAS_STORE": ""}, DEFAULT_STORE, False, None),
    ({"QUOTE_ATLAS_STORE": "s3://newsroom-data/quote-atlas"}, "s3://newsroom-data/quote-atlas", False, None),
    ({"QUOTE_ATLAS_TAGGER": "1"}, DEFAULT_STORE, True, None),
    ({"QUOTE_ATLAS_TAGGER": " On "}, DEFAULT_STORE, True, None),
    ({"QUOTE_ATLAS_TAGGER": "0"}, DEFAULT_STORE, False, None),
    ({"QUOTE_ATLAS_TAGGER": "maybe"}, DEFAULT_STORE, False, None),
    ({"QUOTE_ATLAS_CHROMIUM": "/opt/chrome"}, DEFAULT_STORE, False, "/opt/chrome"),
]


@pytest.mark.parametrize(("environ", "store", "tagger", "chromium"), CASES)
def test_settings_from_an_environment(environ, store, tagger, chromium):
    settings = load_settings(environ)
    assert (settings.store, settings.tagger, settings.chromium) == (store, tagger, chromium)
    assert settings.seed == SEED_ARTICLE and SEED_ARTICLE.exists()


@pytest.mark.parametrize(("environ", "on"), [
    ({}, False),
    ({"QUOTE_ATLAS_TARGET_TONE": "1"}, True),
    ({"QUOTE_ATLAS_TARGET_TONE": " yes "}, True),
    ({"QUOTE_ATLAS_TARGET_TONE": "0"}, False),
    ({"QUOTE_ATLAS_TARGET_TONE": "maybe"}, False),
    ({"QUOTE_ATLAS_TAGGER": "1"}, False),
])
def test_target_tone_setting(environ, on):
    assert load_settings(environ).target_tone is on


def test_the_command_line_never_writes_the_environment(tmp_path, monkeypatch):
    from analysis import __main__ as cli

    monkeypatch.delenv("QUOTE_ATLAS_TAGGER", raising=False)
    before = dict(os.environ)
    assert cli.main(["refresh", "--tagger", "--out", str(tmp_path / "none")]) == 1
    assert cli.main(["refresh", "--no-tagger", "--out", str(tmp_path / "none")]) == 1
    assert dict(os.environ) == before


@pytest.mark.parametrize("environ, memory_mb", [
    ({}, None),
    ({"QUOTE_ATLAS_MEMORY_MB": ""}, None),
    ({"QUOTE_ATLAS_MEMORY_MB": "0"}, None),
    ({"QUOTE_ATLAS_MEMORY_MB": "lots"}, None),
    ({"QUOTE_ATLAS_MEMORY_MB": "300"}, 300),
])
def test_memory_setting(environ, memory_mb):
    assert load_settings(environ).memory_mb == memory_mb


@pytest.mark.parametrize("asked, warehouse_bytes, expected", [
    (None, 6 * 2**20, 128),       # the 300-article store
    (None, 800 * 2**20, 128),     # 100,000 articles, realistic cardinalities
    (None, 4_938_018_816, 256),   # a million articles
    (96, 4_938_018_816, 96),      # asked for: as asked
    (512, 6 * 2**20, 512),
])
def test_engine_memory_by_warehouse_size_unless_asked(asked, warehouse_bytes, expected):
    from analysis.settings import engine_memory_mb

    assert engine_memory_mb(asked, warehouse_bytes) == expected
