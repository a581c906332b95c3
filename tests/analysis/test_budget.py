"""Hostile input cannot stall the analysis: near-linear quote attribution and a time budget per article."""

import os
import subprocess
import sys
import time

import pytest

import analysis.quotes.direct as direct
from analysis.budget import BudgetExceeded, check_budget, time_budget
from analysis.build import build_store
from analysis.ingest import make_article
from analysis.nlp import load_nlp
from analysis.pipeline import analyse_articles
from analysis.quotes import extract_quotes
from analysis.store import list_batches

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HOSTILE = " ".join(f'"w{i}"' for i in range(1, 2001)) + " said Putin."


@pytest.mark.parametrize(("seconds", "raises"), [(None, False), (0, False), (3600, False), (1e-9, True)])
def test_budget_raises_only_past_its_deadline(seconds, raises):
    with time_budget(seconds):
        time.sleep(0.001)
        if raises:
            with pytest.raises(BudgetExceeded):
                check_budget()
        else:
            check_budget()
    check_budget()  # no deadline outside the block


def test_thousands_of_quotations_in_one_sentence_ask_each_verb_its_source_once(monkeypatch):
    nlp = load_nlp()
    calls = []
    real = direct.source_of
    monkeypatch.setattr(direct, "source_of", lambda verb: calls.append(verb.i) or real(verb))
    quotes = extract_quotes(nlp(HOSTILE))
    assert len(calls) == len(set(calls)) <= 2  # was once per quotation and verb, over every token
    assert [q.speaker for q in quotes] == ["Putin"] and len(quotes[0].segments) == 2000


def test_an_article_over_its_budget_is_skipped_with_a_message(tmp_path):
    articles = [make_article("Merkel said the talks had failed.", "a"), make_article(HOSTILE, "b")]
    analyses = list(analyse_articles(articles, budget_seconds=1e-9))
    assert all("took longer than" in a.meta["skipped"] and not a.quotes for a in analyses)
    assert [a.meta.get("skipped") for a in analyse_articles(articles, budget_seconds=None)] == [None, None]
    report = build_store(str(tmp_path / "s"), articles, budget_seconds=1e-9)
    assert report.analysed == 0 and len(report.too_slow) == 2 and list_batches(str(tmp_path / "s")) == []


def test_the_command_line_names_the_skipped_article(tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    env = {**os.environ, "QUOTE_ATLAS_ARTICLE_SECONDS": "0.000000001"}
    result = subprocess.run([sys.executable, "-m", "analysis", "extract", str(path)], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and result.stdout == ""
    assert "hostile.txt: skipped, its analysis took longer than" in result.stderr
    assert "Traceback" not in result.stderr
