"""Tests for speech or stance (analysis.quotes.acts): every statement says whether it reports words."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.quotes import extract_quotes
from analysis.quotes.acts import ACTS, SPEECH, STANCE, speech_verbs
from analysis.records import Quote

# (sentence, a word of the content, act of the statement holding it)
ACT_CASES = [
    # Speech: quoted words, verbs of saying in any construction, reported clauses.
    ('"We will not give up," Poroshenko said.', "give", SPEECH),
    ('Putin warned of a "dangerous step" by Germany.', "dangerous", SPEECH),
    ("The minister said that the talks had failed.", "talks", SPEECH),
    ("Merkel urged Russia to withdraw its troops.", "withdraw", SPEECH),
    ("The opposition accused the government of rigging the vote.", "rigging", SPEECH),
    ("Unions called for a general strike.", "strike", SPEECH),
    ("According to the ministry, ten soldiers were killed.", "soldiers", SPEECH),
    ("The prime minister believes that the deal will pass.", "deal", SPEECH),
    ("The court ruled that the law was unconstitutional.", "law", SPEECH),
    # Stance: attitudes and acts with an object or infinitive, passives of saying, refusals.
    ("Ukraine's parliament has passed legislation that would allow sanctions on Russia.", "legislation", STANCE),
    ("Putin signed a treaty of accession with the new leaders of Crimea.", "treaty", STANCE),
    ("The European Union agreed to impose a travel ban on Ukrainian officials.", "travel", STANCE),
    ("The Shining Path is seeking to overthrow Peru's elected government.", "overthrow", STANCE),
    ("Many Ukrainians want visas and borders with Russia.", "visas", STANCE),
    # A refusal to speak reports no words (PolNeAR still counts it as an attribution).
    ("The US embassy declined to comment on the tape.", "comment", STANCE),
    ("He refused to say whether he would run.", "run", STANCE),
    ("Thomas declined to answer questions about his legal views.", "questions", STANCE),
]


def _act_of(nlp, text: str, word: str) -> str | None:
    """The act of the statement whose content holds ``word`` (None when no statement does)."""
    for quote in extract_quotes(nlp(text)):
        if word in quote.text:
            return quote.act
    return None


@pytest.mark.parametrize(("text", "word", "act"), ACT_CASES, ids=[c[0][:40] for c in ACT_CASES])
def test_statement_act(nlp, text, word, act):
    assert _act_of(nlp, text, word) == act


# Sentences that attribute nothing at all: neither speech nor stance.
NOTHING = [
    "The weather was cold in Kyiv on Monday.",
    "The talks in Geneva ended late.",
    "",
]


@pytest.mark.parametrize("text", NOTHING, ids=[t[:30] or "empty" for t in NOTHING])
def test_no_statement_no_act(nlp, text):
    assert extract_quotes(nlp(text)) == []


SEED = Path(__file__).resolve().parents[3] / "data" / "seed" / "putin-spief-2024.txt"


def test_a_refusal_is_no_speech_but_names_the_unnamed_source_a_later_pronoun_means(nlp):
    text = ("On Monday, Tony Blair's official spokesman declined to say whether the prime minister backed "
            'the plans. He said: "What is important is that there is a process going on."')
    refusal, statement = extract_quotes(nlp(text))
    assert (refusal.act, statement.act) == (STANCE, SPEECH)
    assert statement.speaker is None and statement.speaker_description == "Tony Blair's official spokesman"


def test_every_statement_of_putin_in_the_seed_is_speech(nlp):
    quotes = extract_quotes(nlp(SEED.read_text(encoding="utf-8")))
    assert {q.act for q in quotes} <= set(ACTS)
    putin = [q for q in quotes if q.speaker == "Vladimir Putin"]
    assert len(putin) >= 14 and all(q.act == SPEECH for q in putin)


def test_records_without_an_act_read_as_speech():
    old = {"kind": "indirect", "start": 0, "end": 4, "text": "that"}
    assert Quote.from_dict(old).act == SPEECH
    assert Quote.from_dict({**old, "act": STANCE}).to_dict()["act"] == STANCE


def test_speech_verbs_are_lemmas_of_saying():
    verbs = speech_verbs()
    assert {"say", "tell", "urge", "accuse", "accord"} <= verbs
    assert not {"want", "sign", "pass", "agree", "seek", "talk", "decline"} & verbs
