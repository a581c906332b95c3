"""Issue #16, item 11: the server's protections are set explicitly in the one config Streamlit reads."""

import os

import pytest
import tomllib

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONFIG = os.path.join(REPO, ".streamlit", "config.toml")


@pytest.fixture(scope="module")
def config() -> dict:
    with open(CONFIG, "rb") as handle:
        return tomllib.load(handle)


@pytest.mark.parametrize("section, option, value", [
    ("server", "enableXsrfProtection", True),
    ("server", "enableCORS", True),
    ("server", "maxUploadSize", 50),
    ("client", "showErrorDetails", "none"),  # tracebacks stay in the server log
    ("client", "toolbarMode", "viewer"),
    ("browser", "gatherUsageStats", False),
])
def test_config_sets_the_protection_explicitly(config, section, option, value):
    assert config[section][option] == value


def test_streamlit_reads_the_settings(monkeypatch):
    from streamlit import config as streamlit_config

    monkeypatch.chdir(REPO)
    streamlit_config.get_config_options(force_reparse=True)
    try:
        for option in ("server.enableXsrfProtection", "server.enableCORS"):
            assert streamlit_config.get_option(option) is True
            assert os.path.samefile(streamlit_config.get_where_defined(option), CONFIG), "set by the file"
        assert streamlit_config.get_option("client.showErrorDetails") == "none"
    finally:
        streamlit_config.get_config_options(force_reparse=True)
