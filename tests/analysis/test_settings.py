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
    (None, 6 * 2**20, 96),        # the 300-article store
    (None, 800 * 2**20, 96),      # 100,000 articles, realistic cardinalities
    (None, 4_938_018_816, 160),   # a million articles: what the default budget leaves (690 - APP_MB)
    (96, 4_938_018_816, 96),      # asked for: as asked
    (512, 6 * 2**20, 512),
])
def test_engine_memory_by_warehouse_size_unless_asked(asked, warehouse_bytes, expected):
    from analysis.settings import engine_memory_mb

    assert engine_memory_mb(asked, warehouse_bytes) == expected


@pytest.mark.parametrize("environ, budget_mb", [
    ({}, 690),
    ({"QUOTE_ATLAS_BUDGET_MB": "2700"}, 2700),
    ({"QUOTE_ATLAS_BUDGET_MB": " 1024 "}, 1024),
    ({"QUOTE_ATLAS_BUDGET_MB": "-5"}, 690),
    ({"QUOTE_ATLAS_BUDGET_MB": "plenty"}, 690),
])
def test_budget_setting(environ, budget_mb):
    assert load_settings(environ).budget_mb == budget_mb


@pytest.mark.parametrize("asked, warehouse_bytes, budget_mb, expected", [
    (None, 800 * 2**20, 690, 96),         # 100,000 articles: what the warehouse needs fits the budget
    (None, 4_938_018_816, 690, 160),      # a million: 690 - APP_MB leaves room for 160
    (None, 4_938_018_816, 2700, 256),     # a larger machine: no more than the warehouse needs
    (None, 4_938_018_816, 750, 220),      # a budget between: 750 - APP_MB
    (None, 4_938_018_816, 660, 130),      # a smaller budget lowers the limit: 660 - 530
    (None, 4_938_018_816, 300, 96),       # never below MIN_MEMORY_MB
    (None, 6 * 2**20, 0, 96),
    (200, 4_938_018_816, 500, 200),       # asked for: as asked, whatever the budget
])
def test_engine_memory_from_the_budget(asked, warehouse_bytes, budget_mb, expected):
    from analysis.settings import engine_memory_mb

    assert engine_memory_mb(asked, warehouse_bytes, budget_mb) == expected


def test_the_budget_arithmetic_uses_the_module_constants():
    from analysis import settings

    room = settings.DEFAULT_BUDGET_MB - settings.APP_MB
    assert settings.MIN_MEMORY_MB <= settings.DEFAULT_MEMORY_MB <= room
    assert settings.engine_memory_mb(None, settings.LARGE_WAREHOUSE_BYTES + 1) == min(settings.LARGE_MEMORY_MB, room)
