"""Tests for the tone towards a target: word-piece spans, model inputs, input lines, statements' targets."""

from __future__ import annotations

import pytest

from analysis.records import EntityMention, Quote
from analysis.tone.lines import BadLine, parse_line
from analysis.tone.statements import statement_targets, target_tones
from analysis.tone.targeted import MAX_PIECES, POLARITIES, batch_arrays, load_tone_model, target_windows
from analysis.wordpiece import WordPiece, pre_tokens

VOCABULARY = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "trump", "attacked", "clinton", ".", "'", "s", "plan", "good"]


@pytest.fixture(scope="module")
def wordpiece():
    """A WordPiece over a tiny vocabulary."""
    return WordPiece(VOCABULARY)


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("Trump's plan", [(0, 5), (5, 6), (6, 7), (8, 12)]),
        ("  a  b ", [(2, 3), (5, 6)]),
        ("U.S.", [(0, 1), (1, 2), (2, 3), (3, 4)]),
        ("Café", [(0, 4)]),
        ("", []),
        ("   \n", []),
    ],
)
def test_pre_tokens_are_bert_pre_tokenizer_spans(text, spans):
    assert pre_tokens(text) == spans


@pytest.mark.parametrize(
    ("text", "targets", "expected"),
    [
        # (target index, the word pieces it pools) per target, all in one window
        ("Trump attacked Clinton.", [(0, 5), (15, 22)], [[(0, ["trump"]), (1, ["clinton"])]]),
        ("Trump's plan", [(0, 7)], [[(0, ["trump", "'", "s"])]]),
        ("Trump's plan", [(8, 12)], [[(0, ["plan"])]]),
        ("Trump attacked Clinton.", [(2, 4)], [[(0, ["trump"])]]),  # part of a word: the word's pieces
        ("Trump attacked Clinton.", [], []),  # no targets: nothing to read
    ],
)
def test_target_windows_pool_the_pieces_of_each_target(wordpiece, text, targets, expected):
    windows = target_windows(text, targets, wordpiece)
    found = [[(t, [VOCABULARY[w.ids[p]] for p in positions]) for t, positions in w.targets] for w in windows]
    assert found == expected
    for window in windows:
        assert window.ids[0] == wordpiece.cls and window.ids[-1] == wordpiece.sep


def test_a_long_sentence_gets_a_window_centred_on_each_target(wordpiece):
    text = "good " * 150 + "Trump " + "good " * 150 + "Clinton"
    trump = text.index("Trump")
    windows = target_windows(text, [(trump, trump + 5), (len(text) - 7, len(text))], wordpiece)
    assert len(windows) == 2
    assert all(len(w.ids) == MAX_PIECES + 2 for w in windows)
    for window, name in zip(windows, ("trump", "clinton"), strict=True):
        ((_, positions),) = window.targets
        assert [VOCABULARY[window.ids[p]] for p in positions] == [name]


def test_batch_arrays_average_each_target_and_pad(wordpiece):
    windows = target_windows("Trump's plan", [(0, 7), (8, 12)], wordpiece) + target_windows("good", [(0, 4)], wordpiece)
    ids, mask, pool, valid = batch_arrays(windows)
    assert ids.shape == mask.shape == (2, 6) and pool.shape == (2, 2, 6)  # [CLS] trump ' s plan [SEP]
    assert pool[0, 0].tolist() == pytest.approx([0, 1 / 3, 1 / 3, 1 / 3, 0, 0])
    assert pool[0, 1].tolist() == [0, 0, 0, 0, 1, 0]
    assert valid.tolist() == [[True, True], [True, False]]
    assert mask[1].tolist() == [1, 1, 1, 0, 0, 0] and pool[1, 1].sum() == 0


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('{"sentence_normalized": "Trump won.", "targets": [{"from": 0, "to": 5, "polarity": 4.0}]}',
         ("Trump won.", [(0, 5)])),
        ('{"sentence_normalized": "No one.", "targets": []}', ("No one.", [])),
        ('{"sentence_normalized": "ab", "targets": [{"from": 0, "to": 2}], "x": 1}', ("ab", [(0, 2)])),
    ],
)
def test_good_lines_give_sentence_and_spans(line, expected):
    assert parse_line(line) == expected


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "not JSON"),
        ("[1, 2]", "expected a JSON object, got list"),
        ('{"targets": []}', 'missing "sentence_normalized"'),
        ('{"sentence_normalized": 3, "targets": []}', 'missing "sentence_normalized"'),
        ('{"sentence_normalized": "ab"}', 'missing "targets"'),
        ('{"sentence_normalized": "ab", "targets": {"from": 0}}', 'missing "targets"'),
        ('{"sentence_normalized": "ab", "targets": [7]}', "target 1: expected an object"),
        ('{"sentence_normalized": "ab", "targets": [{"to": 1}]}', 'target 1: "from" must be an integer'),
        ('{"sentence_normalized": "ab", "targets": [{"from": 0, "to": "1"}]}', '"to" must be an integer'),
        ('{"sentence_normalized": "ab", "targets": [{"from": true, "to": 1}]}', '"from" must be an integer'),
        ('{"sentence_normalized": "ab", "targets": [{"from": 0, "to": 3}]}', "target 1: from 0 to 3 is not a span"),
        ('{"sentence_normalized": "ab", "targets": [{"from": 0, "to": 1}, {"from": -1, "to": 1}]}',
         "target 2: from -1 to 1"),
        ('{"sentence_normalized": "ab", "targets": [{"from": 1, "to": 1}]}', "is not a span"),
        ('{"sentence_normalized": "a b", "targets": [{"from": 1, "to": 2}]}', "only white space"),
    ],
)
def test_bad_lines_raise_a_clear_message(line, message):
    with pytest.raises(BadLine, match=message.replace("[", r"\[")):
        parse_line(line)


TEXT = "Putin said that Germany and Merkel let NATO down, Macron said."
QUOTE = Quote(kind="indirect", start=16, end=TEXT.index(","), text=TEXT[16 : TEXT.index(",")])


def mention(kind: str, key: str, word: str) -> EntityMention:
    start = TEXT.index(word)
    return EntityMention(kind=kind, key=key, name=key, start=start, end=start + len(word), evidence=word)


MENTIONS = {
    "speaker": mention("person", "Vladimir Putin", "Putin"),
    "country": mention("country", "DEU", "Germany"),
    "person": mention("person", "Angela Merkel", "Merkel"),
    "region": mention("region", "NATO", "NATO"),
    "after": mention("person", "Emmanuel Macron", "Macron"),
}


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["speaker", "country", "person", "region", "after"], ["DEU", "Angela Merkel"]),
        (["country"], ["DEU"]),
        (["speaker", "after"], []),  # outside the content: not a target
        (["region"], []),  # alliances and organisations are not targets
        ([], []),
    ],
)
def test_statement_targets_are_the_people_and_countries_inside_the_content(names, expected):
    assert [m.key for m in statement_targets(QUOTE, [MENTIONS[n] for n in names])] == expected


class FakeModel:
    """Gives the polarities it is told, and records what it was asked."""

    def __init__(self, answers):
        self.answers, self.asked = answers, []

    def polarities(self, items):
        self.asked.extend(items)
        return [self.answers[: len(spans)] for _text, spans in items]


def test_target_tones_read_each_statement_once_with_offsets_into_its_content():
    model = FakeModel(["negative", "positive"])
    start = TEXT.rindex(" said")
    without = Quote(kind="direct", start=start, end=len(TEXT), text=TEXT[start:])
    found = target_tones(TEXT, [QUOTE, without], list(MENTIONS.values()), model)
    assert found == [(("country", "DEU", "negative"), ("person", "Angela Merkel", "positive")), ()]
    ((content, spans),) = model.asked  # the statement without targets costs nothing
    assert content == QUOTE.text and [content[s:e] for s, e in spans] == ["Germany", "Merkel"]


def test_a_target_named_twice_gets_the_majority_polarity():
    text = "Germany, Germany and Germany."
    mentions = [EntityMention("country", "DEU", "Germany", s, s + 7, "Germany") for s in (0, 9, 21)]
    quote = Quote(kind="indirect", start=0, end=len(text), text=text)
    assert target_tones(text, [quote], mentions, FakeModel(["neutral", "positive", "positive"])) == [
        (("country", "DEU", "positive"),)
    ]
    assert target_tones(text, [quote], mentions, None) == [()]


@pytest.fixture(scope="module")
def model():
    found = load_tone_model()
    assert found is not None, "analysis/data/models/target_tone.onnx is shipped"
    return found


@pytest.mark.parametrize(
    ("sentence", "targets", "expected"),
    [
        ("The best rebuke to Russia would be a strong and successful Ukraine.", ["Russia", "Ukraine"],
         ["negative", "positive"]),
        ("Critics slammed Smith for his disastrous handling of the crisis, but they praised Jones for her "
         "excellent leadership.", ["Smith", "Jones"], ["negative", "positive"]),
        ("Voters praised Jones for her excellent and honest leadership.", ["Jones"], ["positive"]),
        ("The meeting with Germany is scheduled for Tuesday.", ["Germany"], ["neutral"]),
    ],
)
def test_the_shipped_model_reads_the_tone_towards_each_target(model, sentence, targets, expected):
    spans = [(sentence.index(t), sentence.index(t) + len(t)) for t in targets]
    assert model.polarities([(sentence, spans)]) == [expected]


def test_the_shipped_model_answers_every_target_in_order(model):
    items = [("Nobody came.", []), ("Trump attacked Clinton.", [(0, 5), (15, 22)]), ("Lee.", [(0, 3)])]
    found = model.polarities(items)
    assert [len(labels) for labels in found] == [0, 2, 1]
    assert all(label in POLARITIES for labels in found for label in labels)


def test_each_target_is_read_in_its_own_sentence_of_the_content():
    text = 'He said: "Germany failed us. The weather is bad. Macron and Germany helped." Then he left.'
    sentences = [(0, 28), (29, 48), (49, 76), (77, len(text))]
    quote = Quote(kind="direct", start=10, end=75, text=text[10:75])
    mentions = [EntityMention("country", "DEU", "Germany", s, s + 7, "Germany") for s in (10, 60)]
    mentions.insert(1, EntityMention("person", "Emmanuel Macron", "Macron", 49, 55, "Macron"))
    model = FakeModel(["positive", "negative"])
    found = target_tones(text, [quote], mentions, model, sentences)
    assert [content for content, _spans in model.asked] == ["Germany failed us.", "Macron and Germany helped."]
    assert [[content[s:e] for s, e in spans] for content, spans in model.asked] == [["Germany"], ["Macron", "Germany"]]
    # DEU: positive in the first sentence, negative in the third: a tie goes to the first mention
    assert found == [(("country", "DEU", "positive"), ("person", "Emmanuel Macron", "positive"))]
