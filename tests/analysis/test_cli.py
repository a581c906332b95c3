"""The command line contract: `python -m analysis extract` and `build`, on the seed and on bad input."""

import json
import os
import re
import subprocess
import sys

import pytest

from analysis.quotes.tagger import TAGGER_PATH

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEED = os.path.join("data", "seed", "putin-spief-2024.txt")


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=600)


@pytest.fixture(scope="module")
def seed_output(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inputs")
    empty = folder / "empty.txt"
    empty.write_bytes(b"")
    crlf = folder / "crlf.txt"
    crlf.write_bytes("Merkel said: \u201cWe will help.\u201d\r\nNext line.".encode())
    result = run_cli("extract", SEED, str(empty), str(crlf))
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    return result, lines, str(empty)


def test_one_json_object_per_readable_file_in_order(seed_output):
    result, lines, empty = seed_output
    assert [line["source"] for line in lines] == [SEED, lines[1]["source"]]
    assert lines[1]["source"].endswith("crlf.txt")
    assert result.returncode == 1
    assert empty in result.stderr and "empty" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_text_is_exact_with_crlf_normalised(seed_output):
    _, lines, _ = seed_output
    with open(os.path.join(REPO, SEED), encoding="utf-8") as handle:
        assert lines[0]["text"] == handle.read()
    assert lines[1]["text"] == "Merkel said: \u201cWe will help.\u201d\nNext line."


def test_required_fields_are_present(seed_output):
    _, lines, _ = seed_output
    seed = lines[0]
    for key in ("source", "text", "quotes", "countries", "persons", "organizations", "keywords", "topics"):
        assert key in seed
    for quote in seed["quotes"]:
        assert {"kind", "start", "end", "text", "speaker", "speaker_start", "speaker_end", "cue_start", "cue_end",
                "countries", "topics", "tone"} <= set(quote)
        assert seed["text"][quote["start"]:quote["end"]] == quote["text"]
        assert quote["kind"] in ("direct", "indirect", "mixed")
    scores = [k["score"] for k in seed["keywords"]]
    assert scores == sorted(scores, reverse=True)


def test_seed_countries_are_exactly_the_five(seed_output):
    _, lines, _ = seed_output
    assert {c["iso3"] for c in lines[0]["countries"]} == {"RUS", "UKR", "ITA", "DEU", "USA"}


def assert_every_curly_quotation_is_putins(seed: dict) -> None:
    """Check that each of the seed's 14 curly quotations is inside a quote by Vladimir Putin."""
    text = seed["text"]
    curly = [(m.start(1), m.end(1)) for m in re.finditer(r"\u201c([^\u201d]+)\u201d", text)]
    assert len(curly) == 14
    for start, end in curly:
        covering = [q for q in seed["quotes"] if q["start"] <= start + 1 and q["end"] >= end - 1]
        assert covering, f"not found: {text[start:end]!r}"
        assert all(q["speaker"] == "Vladimir Putin" for q in covering), text[start:end]


def test_every_curly_quotation_is_found_and_attributed_to_putin(seed_output):
    _, lines, _ = seed_output
    assert_every_curly_quotation_is_putins(lines[0])


REPORTED = [
    "the Russian threat was invented by the West",
    "relations between Moscow and Rome could be quickly restored",
    "Ukraine\u2019s use of its weapons to strike targets inside Russia",
    "nothing will change regardless of whether Joe Biden or Donald Trump wins",
]


@pytest.mark.parametrize("reported", REPORTED)
def test_reported_statements_are_indirect_quotes_by_putin(seed_output, reported):
    _, lines, _ = seed_output
    matches = [q for q in lines[0]["quotes"] if reported in q["text"]]
    assert matches, reported
    assert matches[0]["kind"] in ("indirect", "mixed")
    assert matches[0]["speaker"] == "Vladimir Putin"


def test_build_twice_changes_nothing(tmp_path):
    out = str(tmp_path / "store")
    first = run_cli("build", SEED, "--out", out)
    assert first.returncode == 0, first.stderr
    batches = sorted(os.listdir(os.path.join(out, "batches")))
    second = run_cli("build", SEED, "--out", out)
    assert second.returncode == 0 and "1 already stored" in second.stderr
    assert sorted(os.listdir(os.path.join(out, "batches"))) == batches


def test_refresh_reanalyses_only_outdated_articles(tmp_path, monkeypatch):
    from analysis import __main__ as cli
    from analysis import pipeline, store

    out = str(tmp_path / "store")
    assert run_cli("build", SEED, "--out", out).returncode == 0
    batches = sorted(os.listdir(os.path.join(out, "batches")))
    assert cli.main(["refresh", "--out", out]) == 0
    assert sorted(os.listdir(os.path.join(out, "batches"))) == batches  # up to date: nothing written
    monkeypatch.setattr(pipeline, "ANALYSIS_VERSION", "999.0.0")
    assert cli.main(["refresh", "--out", out]) == 0
    assert len(os.listdir(os.path.join(out, "batches"))) == len(batches) + 1
    assert len(store.stored_versions(out)) == 1  # the same article, re-analysed, not added twice


def test_refresh_without_a_store_fails_clearly(tmp_path):
    result = run_cli("refresh", "--out", str(tmp_path / "nothing"))
    assert result.returncode == 1
    assert "no store" in result.stderr


@pytest.mark.skipif(not TAGGER_PATH.exists(), reason="the content tagger is not shipped")
def test_tagger_keeps_every_seed_quotation_attributed_to_putin():
    result = run_cli("extract", "--tagger", SEED)
    assert result.returncode == 0, result.stderr
    seed = json.loads(result.stdout.splitlines()[0])
    assert_every_curly_quotation_is_putins(seed)
    for reported in REPORTED:
        assert any(reported in q["text"] and q["speaker"] == "Vladimir Putin" for q in seed["quotes"]), reported


def test_tagger_switch_is_recorded_and_refresh_follows_the_current_mode(tmp_path):
    from analysis import store
    from analysis.records import ANALYSIS_VERSION, TAGGER_MARK

    out = str(tmp_path / "store")
    assert run_cli("build", "--tagger", SEED, "--out", out).returncode == 0
    tagged = ANALYSIS_VERSION + (TAGGER_MARK if TAGGER_PATH.exists() else "")
    assert set(store.stored_versions(out).values()) == {tagged}
    assert run_cli("refresh", "--no-tagger", "--out", out).returncode == 0
    assert set(store.stored_versions(out).values()) == {ANALYSIS_VERSION}


ACTS_TEXT = ("Angela Merkel said on Monday that the talks had failed. The company declined to comment on the "
             "report. The European Union agreed to impose a travel ban on the officials.")


@pytest.fixture(scope="module")
def acts_file(tmp_path_factory):
    """One article with a statement of speech and two stances (a refusal, an act)."""
    path = tmp_path_factory.mktemp("acts") / "acts.txt"
    path.write_text(ACTS_TEXT, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(("argv", "acts"), [
    # extract shows what the app and export show: speech, unless asked for more.
    ([], {"speech"}),
    (["--acts", "speech"], {"speech"}),
    (["--acts", "stance"], {"stance"}),
    (["--acts", "speech,stance"], {"speech", "stance"}),
    (["--acts", " Stance , SPEECH "], {"speech", "stance"}),
])
def test_extract_acts_choose_speech_or_stance(acts_file, argv, acts):
    result = run_cli("extract", acts_file, *argv)
    assert result.returncode == 0, result.stderr
    quotes = json.loads(result.stdout)["quotes"]
    assert {q["act"] for q in quotes} == acts
    texts = {q["text"] for q in quotes}
    assert ("that the talks had failed" in texts) == ("speech" in acts)
    assert ("to impose a travel ban on the officials" in texts) == ("stance" in acts)


@pytest.mark.parametrize("acts", ["bogus", "", ",", "speech,opinion"])
def test_extract_unknown_acts_give_one_line_and_status_1_before_analysing(acts_file, acts):
    result = run_cli("extract", acts_file, "--acts", acts)
    assert (result.returncode, result.stdout) == (1, "")
    assert len(result.stderr.strip().splitlines()) == 1 and "unknown act" in result.stderr
